#include "guard.hpp"

#include <opencv2/videoio.hpp>

#include <cstring>

struct cvs_capture {
  cv::VideoCapture capture;
  cv::Mat pending;       // a frame read but not yet handed out (buffer was too small)
  bool has_pending = false;
  int64_t frames_read = 0;
};

extern "C" cvs_status cvs_capture_open(const char *uri, const cvs_capture_options *options,
                                       cvs_capture **out, cvs_capture_info *info) {
  return cvs::guarded("cvs_capture_open", [&]() -> cvs_status {
    if (!uri || !options || !out || !info) return cvs::fail(CVS_E_ARGUMENT, "cvs_capture_open: null argument");
    *out = nullptr;
    auto handle = std::make_unique<cvs_capture>();
    bool opened = false;
    if (options->kind == CVS_CAPTURE_DEVICE) {
      opened = handle->capture.open(uri, cv::CAP_V4L2);
    } else {
      // CAP_FFMPEG: CAP_ANY falls through to GStreamer, which prints warnings and is slower to fail.
      opened = handle->capture.open(uri, cv::CAP_FFMPEG);
    }
    if (!opened || !handle->capture.isOpened())
      return cvs::fail(CVS_E_OPEN, std::string("cannot open '") + uri + "'");
    std::memset(info, 0, sizeof(*info));
    info->width = static_cast<int32_t>(handle->capture.get(cv::CAP_PROP_FRAME_WIDTH));
    info->height = static_cast<int32_t>(handle->capture.get(cv::CAP_PROP_FRAME_HEIGHT));
    info->fps = handle->capture.get(cv::CAP_PROP_FPS);
    double count = handle->capture.get(cv::CAP_PROP_FRAME_COUNT);
    info->frame_count = count > 0 ? static_cast<int64_t>(count) : -1;
    std::string backend = handle->capture.getBackendName();
    std::strncpy(info->backend, backend.c_str(), sizeof(info->backend) - 1);
    *out = handle.release();
    return CVS_OK;
  });
}

extern "C" cvs_status cvs_capture_read(cvs_capture *capture, cvs_image *dst, cvs_frame_meta *meta) {
  return cvs::guarded("cvs_capture_read", [&]() -> cvs_status {
    if (!capture || !dst || !meta || !dst->data || dst->channels != 3 || dst->depth != CVS_DEPTH_U8)
      return cvs::fail(CVS_E_ARGUMENT, "cvs_capture_read: needs a 3-channel u8 destination");
    cv::Mat target = cvs::wrap(*dst);
    if (!capture->has_pending) {
      if (!capture->capture.grab()) return CVS_END;
      capture->frames_read += 1;
      // Retrieve straight into the caller's buffer when it has the right size: one copy, no allocation.
      if (!capture->capture.retrieve(target)) return cvs::fail(CVS_E_DECODE, "frame could not be decoded");
      if (target.data != dst->data) {
        capture->pending = target;
        capture->has_pending = true;
      }
    }
    meta->position_ms = capture->capture.get(cv::CAP_PROP_POS_MSEC);
    if (capture->has_pending) {
      const cv::Mat &frame = capture->pending;
      meta->width = frame.cols;
      meta->height = frame.rows;
      if (frame.type() != CV_8UC3)
        return cvs::fail(CVS_E_DECODE, "frame is not 8-bit BGR");
      if (frame.cols != dst->width || frame.rows != dst->height)
        return cvs::fail(CVS_E_BUFFER, "frame size changed");
      frame.copyTo(target);
      capture->has_pending = false;
      capture->pending.release();
      return cvs::check_in_place(target, *dst, "cvs_capture_read");
    }
    meta->width = dst->width;
    meta->height = dst->height;
    return CVS_OK;
  });
}

extern "C" void cvs_capture_close(cvs_capture *capture) {
  try {
    delete capture;
  } catch (...) {
  }
}
