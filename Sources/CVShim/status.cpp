#include "guard.hpp"

#include <opencv2/core/utility.hpp>

namespace {
thread_local std::string last_error;
}

namespace cvs {
void set_error(const std::string &message) { last_error = message; }
void clear_error() { last_error.clear(); }
} // namespace cvs

extern "C" const char *cvs_last_error(void) { return last_error.c_str(); }

extern "C" const char *cvs_opencv_version(void) { return CV_VERSION; }

extern "C" void cvs_set_num_threads(int32_t threads) {
  try {
    cv::setNumThreads(threads);
  } catch (...) {
    // Thread count is a hint; a failure leaves OpenCV's default in place.
  }
}
