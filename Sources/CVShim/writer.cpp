// Annotated footage for engineers: BGR frames into an H.264 MP4 through OpenCV's FFmpeg writer.
#include "guard.hpp"

#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <vector>

struct cvs_writer {
  cv::VideoWriter writer;
  int width = 0;
  int height = 0;
};

extern "C" cvs_status cvs_writer_open(const char *path, int32_t width, int32_t height, double fps, cvs_writer **out) {
  return cvs::guarded("cvs_writer_open", [&]() -> cvs_status {
    if (!path || !out || width <= 0 || height <= 0 || !(fps > 0)) return cvs::fail(CVS_E_ARGUMENT, "cvs_writer_open: bad argument");
    *out = nullptr;
    auto writer = std::make_unique<cvs_writer>();
    writer->width = width;
    writer->height = height;
    writer->writer.open(path, cv::CAP_FFMPEG, cv::VideoWriter::fourcc('a', 'v', 'c', '1'), fps, cv::Size(width, height), true);
    if (!writer->writer.isOpened())
      return cvs::fail(CVS_E_OPEN, std::string("cannot write H.264 to '") + path + "' (is the folder writable, and FFmpeg's x264 encoder there?)");
    *out = writer.release();
    return CVS_OK;
  });
}

extern "C" cvs_status cvs_writer_write(cvs_writer *writer, const cvs_image *frame) {
  return cvs::guarded("cvs_writer_write", [&]() -> cvs_status {
    if (!writer || !cvs::valid(frame) || frame->channels != 3 || frame->depth != CVS_DEPTH_U8 || frame->width != writer->width ||
        frame->height != writer->height)
      return cvs::fail(CVS_E_ARGUMENT, "cvs_writer_write: needs a BGR frame of the size the writer was opened with");
    writer->writer.write(cvs::wrap(*frame));
    return CVS_OK;
  });
}

extern "C" void cvs_writer_close(cvs_writer *writer) {
  try {
    if (writer) writer->writer.release();
    delete writer;
  } catch (...) {
  }
}

extern "C" cvs_status cvs_draw_polyline(cvs_image *image, const int32_t *xy, int32_t count, int32_t closed, uint8_t b, uint8_t g,
                                        uint8_t r, int32_t thickness, const char *label) {
  return cvs::guarded("cvs_draw_polyline", [&]() -> cvs_status {
    if (!cvs::valid(image) || image->channels != 3 || image->depth != CVS_DEPTH_U8 || !xy || count < 2)
      return cvs::fail(CVS_E_ARGUMENT, "cvs_draw_polyline: needs a BGR image and at least 2 points");
    cv::Mat canvas = cvs::wrap(*image);
    std::vector<cv::Point> points;
    for (int32_t i = 0; i < count; ++i) points.emplace_back(xy[2 * i], xy[2 * i + 1]);
    cv::polylines(canvas, points, closed != 0, cv::Scalar(b, g, r), std::max(1, thickness), cv::LINE_AA);
    if (label && *label) {
      double scale = std::max(0.5, image->height / 1080.0);
      cv::putText(canvas, label, points.front() + cv::Point(6, -6), cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(b, g, r), 2, cv::LINE_AA);
    }
    return CVS_OK;
  });
}
