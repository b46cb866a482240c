// The motion step written the usual way with OpenCV calls, buffers kept between frames.
#include "guard.hpp"

#include <opencv2/imgproc.hpp>

#include <vector>

struct cvs_motion_chain {
  cvs_motion_params params;
  cv::Mat gray, small, blurred, average, average_u8, delta, mask, dilated;
  std::vector<std::vector<cv::Point>> contours;
  bool seeded = false;
};

extern "C" cvs_status cvs_motion_chain_create(const cvs_motion_params *params, cvs_motion_chain **out) {
  return cvs::guarded("cvs_motion_chain_create", [&]() -> cvs_status {
    if (!params || !out || params->work_width <= 0 || params->work_height <= 0)
      return cvs::fail(CVS_E_ARGUMENT, "cvs_motion_chain_create: bad parameters");
    auto *chain = new cvs_motion_chain();
    chain->params = *params;
    *out = chain;
    return CVS_OK;
  });
}

extern "C" cvs_status cvs_motion_chain_step(cvs_motion_chain *chain, const cvs_image *frame,
                                            cvs_component *boxes, int32_t capacity, int32_t *count) {
  return cvs::guarded("cvs_motion_chain_step", [&]() -> cvs_status {
    if (!chain || !cvs::valid(frame) || frame->depth != CVS_DEPTH_U8 || !count)
      return cvs::fail(CVS_E_ARGUMENT, "cvs_motion_chain_step: bad argument");
    const cvs_motion_params &p = chain->params;
    cv::Mat input = cvs::wrap(*frame);
    if (frame->channels == 3) cv::cvtColor(input, chain->gray, cv::COLOR_BGR2GRAY);
    else chain->gray = input;
    cv::resize(chain->gray, chain->small, cv::Size(p.work_width, p.work_height), 0, 0, cv::INTER_AREA);
    const cv::Mat *smoothed = &chain->small;
    if (p.blur_radius > 0) {
      int k = 2 * p.blur_radius + 1;
      cv::GaussianBlur(chain->small, chain->blurred, cv::Size(k, k), 0);
      smoothed = &chain->blurred;
    }
    const cv::Mat &current = *smoothed;
    if (!chain->seeded) {
      current.convertTo(chain->average, CV_32F);
      chain->seeded = true;
    }
    cv::convertScaleAbs(chain->average, chain->average_u8);
    cv::absdiff(current, chain->average_u8, chain->delta);
    cv::threshold(chain->delta, chain->mask, p.threshold, 255, cv::THRESH_BINARY);
    cv::dilate(chain->mask, chain->dilated, cv::Mat(), cv::Point(-1, -1), p.dilate_iterations);
    cv::findContours(chain->dilated, chain->contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    int32_t found = 0;
    double sx = double(frame->width) / p.work_width, sy = double(frame->height) / p.work_height;
    for (const auto &contour : chain->contours) {
      if (cv::contourArea(contour) < p.min_area) continue;
      cv::Rect r = cv::boundingRect(contour);
      if (found < capacity && boxes) {
        boxes[found] = {int32_t(r.x * sx), int32_t(r.y * sy), int32_t(r.width * sx),
                        int32_t(r.height * sy), int32_t(r.area())};
      }
      found += 1;
    }
    *count = found;
    cv::accumulateWeighted(current, chain->average, p.alpha);
    return CVS_OK;
  });
}

extern "C" void cvs_motion_chain_destroy(cvs_motion_chain *chain) {
  try {
    delete chain;
  } catch (...) {
  }
}
