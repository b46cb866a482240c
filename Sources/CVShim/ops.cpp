// OpenCV's versions of the pixel core's kernels: the reference in tests, the rival in benchmarks.
#include "guard.hpp"

#include <opencv2/imgproc.hpp>

namespace {

bool is_u8(const cvs_image *image, int channels) {
  return cvs::valid(image) && image->depth == CVS_DEPTH_U8 && image->channels == channels;
}

} // namespace

extern "C" cvs_status cvs_op_bgr_to_gray(const cvs_image *src, cvs_image *dst) {
  return cvs::guarded("cvs_op_bgr_to_gray", [&]() -> cvs_status {
    if (!is_u8(src, 3) || !is_u8(dst, 1) || src->width != dst->width || src->height != dst->height)
      return cvs::fail(CVS_E_ARGUMENT, "cvs_op_bgr_to_gray: needs BGR in, gray of the same size out");
    cv::Mat out = cvs::wrap(*dst);
    cv::cvtColor(cvs::wrap(*src), out, cv::COLOR_BGR2GRAY);
    return cvs::check_in_place(out, *dst, "cvs_op_bgr_to_gray");
  });
}

extern "C" cvs_status cvs_op_resize_area(const cvs_image *src, cvs_image *dst) {
  return cvs::guarded("cvs_op_resize_area", [&]() -> cvs_status {
    if (!cvs::valid(src) || !cvs::valid(dst) || src->channels != dst->channels || src->depth != dst->depth)
      return cvs::fail(CVS_E_ARGUMENT, "cvs_op_resize_area: source and destination types differ");
    cv::Mat out = cvs::wrap(*dst);
    cv::resize(cvs::wrap(*src), out, out.size(), 0, 0, cv::INTER_AREA);
    return cvs::check_in_place(out, *dst, "cvs_op_resize_area");
  });
}

extern "C" cvs_status cvs_op_gray_resize_area(const cvs_image *src, cvs_image *dst) {
  return cvs::guarded("cvs_op_gray_resize_area", [&]() -> cvs_status {
    if (!cvs::valid(src) || !is_u8(dst, 1) || src->depth != CVS_DEPTH_U8)
      return cvs::fail(CVS_E_ARGUMENT, "cvs_op_gray_resize_area: needs u8 in, gray out");
    cv::Mat gray;
    if (src->channels == 3) cv::cvtColor(cvs::wrap(*src), gray, cv::COLOR_BGR2GRAY);
    else gray = cvs::wrap(*src);
    cv::Mat out = cvs::wrap(*dst);
    cv::resize(gray, out, out.size(), 0, 0, cv::INTER_AREA);
    return cvs::check_in_place(out, *dst, "cvs_op_gray_resize_area");
  });
}

extern "C" cvs_status cvs_op_accumulate_weighted(const cvs_image *src, cvs_image *avg, double alpha) {
  return cvs::guarded("cvs_op_accumulate_weighted", [&]() -> cvs_status {
    if (!is_u8(src, 1) || !cvs::valid(avg) || avg->depth != CVS_DEPTH_F32 || avg->channels != 1)
      return cvs::fail(CVS_E_ARGUMENT, "cvs_op_accumulate_weighted: needs gray u8 and an f32 average");
    cv::Mat out = cvs::wrap(*avg);
    cv::accumulateWeighted(cvs::wrap(*src), out, alpha);
    return cvs::check_in_place(out, *avg, "cvs_op_accumulate_weighted");
  });
}

extern "C" cvs_status cvs_op_diff_threshold(const cvs_image *a, const cvs_image *b, int32_t threshold,
                                            cvs_image *dst) {
  return cvs::guarded("cvs_op_diff_threshold", [&]() -> cvs_status {
    if (!is_u8(a, 1) || !cvs::valid(b) || !is_u8(dst, 1))
      return cvs::fail(CVS_E_ARGUMENT, "cvs_op_diff_threshold: needs gray images");
    cv::Mat reference = cvs::wrap(*b);
    if (b->depth == CVS_DEPTH_F32) {
      cv::Mat rounded;
      cv::convertScaleAbs(reference, rounded);
      reference = rounded;
    }
    cv::Mat delta;
    cv::absdiff(cvs::wrap(*a), reference, delta);
    cv::Mat out = cvs::wrap(*dst);
    cv::threshold(delta, out, threshold, 255, cv::THRESH_BINARY);
    return cvs::check_in_place(out, *dst, "cvs_op_diff_threshold");
  });
}

extern "C" cvs_status cvs_op_dilate(const cvs_image *src, cvs_image *dst, int32_t iterations) {
  return cvs::guarded("cvs_op_dilate", [&]() -> cvs_status {
    if (!is_u8(src, 1) || !is_u8(dst, 1))
      return cvs::fail(CVS_E_ARGUMENT, "cvs_op_dilate: needs gray images");
    cv::Mat out = cvs::wrap(*dst);
    cv::dilate(cvs::wrap(*src), out, cv::Mat(), cv::Point(-1, -1), iterations, cv::BORDER_CONSTANT,
               cv::Scalar(0));
    return cvs::check_in_place(out, *dst, "cvs_op_dilate");
  });
}

extern "C" cvs_status cvs_op_connected_components(const cvs_image *src, cvs_component *out,
                                                  int32_t capacity, int32_t *count) {
  return cvs::guarded("cvs_op_connected_components", [&]() -> cvs_status {
    if (!is_u8(src, 1) || !count || (capacity > 0 && !out))
      return cvs::fail(CVS_E_ARGUMENT, "cvs_op_connected_components: bad argument");
    cv::Mat labels, stats, centroids;
    int n = cv::connectedComponentsWithStats(cvs::wrap(*src), labels, stats, centroids, 8, CV_32S);
    *count = n - 1;
    for (int i = 1; i < n && i - 1 < capacity; ++i) {
      out[i - 1].x = stats.at<int>(i, cv::CC_STAT_LEFT);
      out[i - 1].y = stats.at<int>(i, cv::CC_STAT_TOP);
      out[i - 1].width = stats.at<int>(i, cv::CC_STAT_WIDTH);
      out[i - 1].height = stats.at<int>(i, cv::CC_STAT_HEIGHT);
      out[i - 1].area = stats.at<int>(i, cv::CC_STAT_AREA);
    }
    return CVS_OK;
  });
}
