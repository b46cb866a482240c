// DB text-detection post-processing and upright crops of rotated boxes.
#include "guard.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

extern "C" cvs_status cvs_db_boxes(const float *map, int32_t w, int32_t h, float bin_threshold, float box_threshold,
                                   float unclip_ratio, float min_size, float scale_x, float scale_y,
                                   cvs_rotated_rect *boxes, int32_t capacity, int32_t *count) {
  return cvs::guarded("cvs_db_boxes", [&]() -> cvs_status {
    if (!map || w <= 0 || h <= 0 || !count || (capacity > 0 && !boxes))
      return cvs::fail(CVS_E_ARGUMENT, "cvs_db_boxes: bad argument");
    cv::Mat probability(h, w, CV_32F, const_cast<float *>(map));
    cv::Mat binary = probability > bin_threshold;
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(binary, contours, cv::RETR_LIST, cv::CHAIN_APPROX_SIMPLE);
    std::vector<cvs_rotated_rect> found;
    cv::Mat mask(h, w, CV_8U);
    for (const auto &contour : contours) {
      if (contour.size() < 3) continue;
      cv::RotatedRect box = cv::minAreaRect(contour);
      if (std::min(box.size.width, box.size.height) < min_size) continue;
      // Score: mean probability inside the contour, over its bounding rectangle only.
      cv::Rect bounds = cv::boundingRect(contour) & cv::Rect(0, 0, w, h);
      cv::Mat roiMask = mask(bounds);
      roiMask.setTo(0);
      std::vector<std::vector<cv::Point>> shifted(1);
      for (const auto &p : contour) shifted[0].push_back(p - bounds.tl());
      cv::fillPoly(roiMask, shifted, cv::Scalar(1));
      float score = static_cast<float>(cv::mean(probability(bounds), roiMask)[0]);
      if (score < box_threshold) continue;
      // Unclip: grow each side by area * ratio / perimeter (the polygon offset DB uses, for a rectangle).
      double area = double(box.size.width) * box.size.height;
      double perimeter = 2.0 * (double(box.size.width) + box.size.height);
      float distance = perimeter > 0 ? static_cast<float>(area * unclip_ratio / perimeter) : 0.f;
      cvs_rotated_rect r;
      r.cx = box.center.x * scale_x;
      r.cy = box.center.y * scale_y;
      // Scale along the box's own axes: exact for axis-aligned boxes and for equal scales.
      double theta = box.angle * CV_PI / 180.0;
      double c = std::cos(theta), s = std::sin(theta);
      double grownW = box.size.width + 2 * distance, grownH = box.size.height + 2 * distance;
      r.width = static_cast<float>(grownW * std::hypot(c * scale_x, s * scale_y));
      r.height = static_cast<float>(grownH * std::hypot(s * scale_x, c * scale_y));
      r.angle = box.angle;
      r.score = score;
      found.push_back(r);
    }
    std::sort(found.begin(), found.end(), [](const cvs_rotated_rect &a, const cvs_rotated_rect &b) { return a.score > b.score; });
    *count = static_cast<int32_t>(found.size());
    for (int32_t i = 0; i < *count && i < capacity; ++i) boxes[i] = found[static_cast<size_t>(i)];
    return CVS_OK;
  });
}

extern "C" cvs_status cvs_crop_rotated(const cvs_image *src, const cvs_rotated_rect *rect, int32_t keep_orientation,
                                       cvs_image *dst) {
  return cvs::guarded("cvs_crop_rotated", [&]() -> cvs_status {
    if (!cvs::valid(src) || !rect || !cvs::valid(dst) || src->channels != dst->channels || src->depth != CVS_DEPTH_U8 ||
        dst->depth != CVS_DEPTH_U8)
      return cvs::fail(CVS_E_ARGUMENT, "cvs_crop_rotated: bad argument");
    cv::RotatedRect box(cv::Point2f(rect->cx, rect->cy), cv::Size2f(rect->width, rect->height), rect->angle);
    cv::Point2f corners[4];
    box.points(corners);  // consecutive corners
    cv::Point2f tl, tr, bl;
    if (keep_orientation) {
      tl = corners[1];
      tr = corners[2];
      bl = corners[0];
    } else {
      // The text runs along the longer side, and is taken to be the right way up: the long edge
      // nearer the top of the image is the top, and its left end the top-left corner.
      int first = cv::norm(corners[1] - corners[0]) >= cv::norm(corners[2] - corners[1]) ? 0 : 1;
      cv::Point2f a0 = corners[first], a1 = corners[first + 1];            // one long edge
      cv::Point2f b0 = corners[(first + 3) % 4], b1 = corners[(first + 2) % 4];  // the other, same direction
      bool aOnTop = (a0.y + a1.y) <= (b0.y + b1.y);
      cv::Point2f t0 = aOnTop ? a0 : b0, t1 = aOnTop ? a1 : b1;
      cv::Point2f u0 = aOnTop ? b0 : a0, u1 = aOnTop ? b1 : a1;
      bool leftFirst = t0.x <= t1.x;
      tl = leftFirst ? t0 : t1;
      tr = leftFirst ? t1 : t0;
      bl = leftFirst ? u0 : u1;
    }
    cv::Point2f from[3] = {tl, tr, bl};
    cv::Point2f to[3] = {cv::Point2f(0, 0), cv::Point2f(float(dst->width), 0), cv::Point2f(0, float(dst->height))};
    cv::Mat transform = cv::getAffineTransform(from, to);
    cv::Mat out = cvs::wrap(*dst);
    cv::warpAffine(cvs::wrap(*src), out, transform, out.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    return cvs::check_in_place(out, *dst, "cvs_crop_rotated");
  });
}

extern "C" cvs_status cvs_op_resize_linear(const cvs_image *src, cvs_image *dst) {
  return cvs::guarded("cvs_op_resize_linear", [&]() -> cvs_status {
    if (!cvs::valid(src) || !cvs::valid(dst) || src->channels != dst->channels || src->depth != dst->depth)
      return cvs::fail(CVS_E_ARGUMENT, "cvs_op_resize_linear: source and destination types differ");
    cv::Mat out = cvs::wrap(*dst);
    cv::resize(cvs::wrap(*src), out, out.size(), 0, 0, cv::INTER_LINEAR);
    return cvs::check_in_place(out, *dst, "cvs_op_resize_linear");
  });
}

extern "C" cvs_status cvs_draw_box(cvs_image *image, int32_t x, int32_t y, int32_t w, int32_t h, uint8_t b, uint8_t g,
                                   uint8_t r, int32_t thickness, const char *label) {
  return cvs::guarded("cvs_draw_box", [&]() -> cvs_status {
    if (!cvs::valid(image) || image->channels != 3 || image->depth != CVS_DEPTH_U8)
      return cvs::fail(CVS_E_ARGUMENT, "cvs_draw_box: needs a BGR image");
    cv::Mat canvas = cvs::wrap(*image);
    cv::Scalar colour(b, g, r);
    cv::rectangle(canvas, cv::Rect(x, y, w, h), colour, std::max(1, thickness));
    if (label && *label) {
      double scale = std::max(0.5, image->height / 1080.0);
      int baseline = 0;
      cv::Size text = cv::getTextSize(label, cv::FONT_HERSHEY_SIMPLEX, scale, 2, &baseline);
      int top = y - text.height - baseline - 6 >= 0 ? y - text.height - baseline - 6 : y + h;
      cv::rectangle(canvas, cv::Rect(x, top, text.width + 8, text.height + baseline + 6), colour, cv::FILLED);
      cv::putText(canvas, label, cv::Point(x + 4, top + text.height + 3), cv::FONT_HERSHEY_SIMPLEX, scale,
                  cv::Scalar(0, 0, 0), 2, cv::LINE_AA);
    }
    return CVS_OK;
  });
}
