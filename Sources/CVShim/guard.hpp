// Exception barrier shared by every entry point: no C++ exception may cross extern "C".
#pragma once

#include <opencv2/core.hpp>

#include <exception>
#include <new>
#include <string>

#include "cvshim.h"

namespace cvs {

void set_error(const std::string &message);
void clear_error();

inline cvs_status fail(cvs_status status, const std::string &message) {
  set_error(message);
  return status;
}

// Runs `body` (which returns cvs_status) and turns any exception into a status and a message.
template <typename Body> cvs_status guarded(const char *where, Body &&body) noexcept {
  try {
    clear_error();
    return body();
  } catch (const cv::Exception &e) {
    return fail(CVS_E_OPENCV, std::string(where) + ": OpenCV: " + e.what());
  } catch (const std::bad_alloc &) {
    return fail(CVS_E_MEMORY, std::string(where) + ": out of memory");
  } catch (const std::exception &e) {
    return fail(CVS_E_INTERNAL, std::string(where) + ": " + e.what());
  } catch (...) {
    return fail(CVS_E_INTERNAL, std::string(where) + ": unknown C++ exception");
  }
}

// A cv::Mat header over a caller's cvs_image (no copy).
inline cv::Mat wrap(const cvs_image &image) {
  int depth = image.depth == CVS_DEPTH_F32 ? CV_32F : CV_8U;
  return cv::Mat(image.height, image.width, CV_MAKETYPE(depth, image.channels), image.data,
                 static_cast<size_t>(image.stride));
}

inline bool valid(const cvs_image *image) {
  return image && image->data && image->width > 0 && image->height > 0 && image->channels > 0 &&
         image->stride >= image->width * image->channels *
                              (image->depth == CVS_DEPTH_F32 ? 4 : 1);
}

// OpenCV reallocates silently when an output's size or type is off; catch that.
inline cvs_status check_in_place(const cv::Mat &out, const cvs_image &dst, const char *where) {
  if (out.data != dst.data)
    return fail(CVS_E_ARGUMENT, std::string(where) + ": output size or type did not match the buffer");
  return CVS_OK;
}

} // namespace cvs
