#include "guard.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <vector>

#include <jpeglib.h>

namespace {

// libjpeg reports errors through longjmp; warnings (corrupt data) are counted and treated as errors.
struct jpeg_error {
  jpeg_error_mgr base;
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
  int warnings;
};

void on_error(j_common_ptr info) {
  auto *error = reinterpret_cast<jpeg_error *>(info->err);
  (*info->err->format_message)(info, error->message);
  longjmp(error->jump, 1);
}

void on_message(j_common_ptr info, int level) {
  auto *error = reinterpret_cast<jpeg_error *>(info->err);
  if (level < 0 && error->warnings++ == 0) (*info->err->format_message)(info, error->message);
}

bool is_jpeg(const uint8_t *bytes, size_t length) {
  return length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;
}

bool is_png(const uint8_t *bytes, size_t length) {
  static const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  return length >= 24 && std::memcmp(bytes, signature, 8) == 0;
}

uint32_t big_endian(const uint8_t *p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

bool valid_scale(int32_t denom) { return denom == 1 || denom == 2 || denom == 4 || denom == 8; }

// Size after INTER_AREA scaling of a non-JPEG image, rounded up like libjpeg does.
int32_t scaled(int32_t size, int32_t denom) { return (size + denom - 1) / denom; }

} // namespace

struct cvs_codec {
  jpeg_decompress_struct jpeg;
  jpeg_error error;
  std::vector<uchar> encoded;
  cv::Mat decoded; // scratch for non-JPEG decodes
};

namespace {

// Plain C control flow between setjmp and longjmp: no objects with destructors live here.
cvs_status jpeg_header(cvs_codec *codec, const uint8_t *bytes, size_t length, int32_t denom,
                       cvs_image_header *header) {
  jpeg_decompress_struct *jpeg = &codec->jpeg;
  codec->error.warnings = 0;
  if (setjmp(codec->error.jump)) {
    jpeg_abort_decompress(jpeg);
    cvs::set_error(std::string("corrupt JPEG: ") + codec->error.message);
    return CVS_E_DECODE;
  }
  jpeg_mem_src(jpeg, bytes, static_cast<unsigned long>(length));
  jpeg_read_header(jpeg, TRUE);
  jpeg->scale_num = 1;
  jpeg->scale_denom = static_cast<unsigned int>(denom);
  jpeg_calc_output_dimensions(jpeg);
  header->type = CVS_TYPE_JPEG;
  header->full_width = static_cast<int32_t>(jpeg->image_width);
  header->full_height = static_cast<int32_t>(jpeg->image_height);
  header->width = static_cast<int32_t>(jpeg->output_width);
  header->height = static_cast<int32_t>(jpeg->output_height);
  header->scale_denom = denom;
  jpeg_abort_decompress(jpeg);
  return CVS_OK;
}

// `*cmyk` is set for CMYK and YCCK files, which libjpeg-turbo cannot turn into BGR or grey: the
// caller decodes those with OpenCV, which converts them (print workflows and some cameras write them).
cvs_status jpeg_decode(cvs_codec *codec, const uint8_t *bytes, size_t length, int32_t denom,
                       int32_t format, cvs_image *dst, bool *cmyk) {
  jpeg_decompress_struct *jpeg = &codec->jpeg;
  codec->error.warnings = 0;
  *cmyk = false;
  if (setjmp(codec->error.jump)) {
    jpeg_abort_decompress(jpeg);
    cvs::set_error(std::string("corrupt JPEG: ") + codec->error.message);
    return CVS_E_DECODE;
  }
  jpeg_mem_src(jpeg, bytes, static_cast<unsigned long>(length));
  jpeg_read_header(jpeg, TRUE);
  if (jpeg->jpeg_color_space == JCS_CMYK || jpeg->jpeg_color_space == JCS_YCCK) {
    jpeg_abort_decompress(jpeg);
    *cmyk = true;
    return CVS_OK;
  }
  jpeg->scale_num = 1;
  jpeg->scale_denom = static_cast<unsigned int>(denom);
  // Grey output skips colour conversion: libjpeg hands out the Y plane as is.
  jpeg->out_color_space = format == CVS_FORMAT_GRAY ? JCS_GRAYSCALE : JCS_EXT_BGR;
  jpeg->dct_method = JDCT_ISLOW;
  jpeg_start_decompress(jpeg);
  if (static_cast<int32_t>(jpeg->output_width) != dst->width ||
      static_cast<int32_t>(jpeg->output_height) != dst->height ||
      static_cast<int32_t>(jpeg->output_components) != dst->channels) {
    jpeg_abort_decompress(jpeg);
    cvs::set_error("JPEG decodes to a different size than the destination");
    return CVS_E_BUFFER;
  }
  auto *base = static_cast<uint8_t *>(dst->data);
  while (jpeg->output_scanline < jpeg->output_height) {
    JSAMPROW row = base + static_cast<size_t>(jpeg->output_scanline) * dst->stride;
    jpeg_read_scanlines(jpeg, &row, 1);
  }
  jpeg_finish_decompress(jpeg);
  if (codec->error.warnings > 0) {
    cvs::set_error(std::string("corrupt JPEG: ") + codec->error.message);
    return CVS_E_DECODE;
  }
  return CVS_OK;
}

} // namespace

extern "C" cvs_status cvs_codec_create(cvs_codec **out) {
  return cvs::guarded("cvs_codec_create", [&]() -> cvs_status {
    if (!out) return cvs::fail(CVS_E_ARGUMENT, "cvs_codec_create: null argument");
    auto *codec = new cvs_codec();
    codec->jpeg.err = jpeg_std_error(&codec->error.base);
    codec->error.base.error_exit = on_error;
    codec->error.base.emit_message = on_message;
    if (setjmp(codec->error.jump)) {
      delete codec;
      return cvs::fail(CVS_E_MEMORY, "cvs_codec_create: libjpeg could not start");
    }
    jpeg_create_decompress(&codec->jpeg);
    *out = codec;
    return CVS_OK;
  });
}

extern "C" void cvs_codec_destroy(cvs_codec *codec) {
  if (!codec) return;
  jpeg_destroy_decompress(&codec->jpeg);
  try {
    delete codec;
  } catch (...) {
  }
}

extern "C" cvs_status cvs_codec_header(cvs_codec *codec, const uint8_t *bytes, size_t length,
                                       int32_t scale_denom, cvs_image_header *header) {
  return cvs::guarded("cvs_codec_header", [&]() -> cvs_status {
    if (!codec || !bytes || !header || !valid_scale(scale_denom))
      return cvs::fail(CVS_E_ARGUMENT, "cvs_codec_header: bad argument (scale must be 1, 2, 4 or 8)");
    if (length == 0) return cvs::fail(CVS_E_DECODE, "empty file");
    if (is_jpeg(bytes, length)) return jpeg_header(codec, bytes, length, scale_denom, header);
    if (is_png(bytes, length)) {
      header->type = CVS_TYPE_PNG;
      header->full_width = static_cast<int32_t>(big_endian(bytes + 16));
      header->full_height = static_cast<int32_t>(big_endian(bytes + 20));
    } else {
      // Other formats: decode once to learn the size (rare path; not used per frame).
      cv::Mat raw(1, static_cast<int>(length), CV_8UC1, const_cast<uint8_t *>(bytes));
      cv::Mat image = cv::imdecode(raw, cv::IMREAD_UNCHANGED);
      if (image.empty()) return cvs::fail(CVS_E_DECODE, "not a decodable image");
      header->type = CVS_TYPE_OTHER;
      header->full_width = image.cols;
      header->full_height = image.rows;
    }
    if (header->full_width <= 0 || header->full_height <= 0)
      return cvs::fail(CVS_E_DECODE, "image header has no size");
    header->width = scaled(header->full_width, scale_denom);
    header->height = scaled(header->full_height, scale_denom);
    header->scale_denom = scale_denom;
    return CVS_OK;
  });
}

extern "C" cvs_status cvs_codec_decode(cvs_codec *codec, const uint8_t *bytes, size_t length,
                                       int32_t scale_denom, int32_t format, cvs_image *dst) {
  return cvs::guarded("cvs_codec_decode", [&]() -> cvs_status {
    int32_t channels = format == CVS_FORMAT_GRAY ? 1 : 3;
    if (!codec || !bytes || !cvs::valid(dst) || dst->depth != CVS_DEPTH_U8 ||
        dst->channels != channels || !valid_scale(scale_denom))
      return cvs::fail(CVS_E_ARGUMENT, "cvs_codec_decode: destination does not match the format");
    if (length == 0) return cvs::fail(CVS_E_DECODE, "empty file");
    if (is_jpeg(bytes, length)) {
      bool cmyk = false;
      cvs_status status = jpeg_decode(codec, bytes, length, scale_denom, format, dst, &cmyk);
      if (!cmyk) return status;
    }

    cv::Mat raw(1, static_cast<int>(length), CV_8UC1, const_cast<uint8_t *>(bytes));
    int flags = format == CVS_FORMAT_GRAY ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR;
    cv::imdecode(raw, flags, &codec->decoded);
    if (codec->decoded.empty()) return cvs::fail(CVS_E_DECODE, "corrupt or unsupported image data");
    cv::Mat target = cvs::wrap(*dst);
    if (codec->decoded.cols == dst->width && codec->decoded.rows == dst->height)
      codec->decoded.copyTo(target);
    else if (scaled(codec->decoded.cols, scale_denom) == dst->width &&
             scaled(codec->decoded.rows, scale_denom) == dst->height)
      cv::resize(codec->decoded, target, target.size(), 0, 0, cv::INTER_AREA);
    else
      return cvs::fail(CVS_E_BUFFER, "image decodes to a different size than the destination");
    return cvs::check_in_place(target, *dst, "cvs_codec_decode");
  });
}

extern "C" cvs_status cvs_codec_encode(cvs_codec *codec, const cvs_image *src, const char *extension,
                                       int32_t quality, const uint8_t **bytes, size_t *length) {
  return cvs::guarded("cvs_codec_encode", [&]() -> cvs_status {
    if (!codec || !cvs::valid(src) || !extension || !bytes || !length || src->depth != CVS_DEPTH_U8)
      return cvs::fail(CVS_E_ARGUMENT, "cvs_codec_encode: bad argument");
    std::vector<int> params;
    std::string ext(extension);
    if (ext == ".jpg" || ext == ".jpeg") params = {cv::IMWRITE_JPEG_QUALITY, quality};
    else if (ext == ".png") params = {cv::IMWRITE_PNG_COMPRESSION, 3};
    else return cvs::fail(CVS_E_ARGUMENT, "cvs_codec_encode: unsupported extension " + ext);
    if (!cv::imencode(ext, cvs::wrap(*src), codec->encoded, params))
      return cvs::fail(CVS_E_ENCODE, "encoding " + ext + " failed");
    *bytes = codec->encoded.data();
    *length = codec->encoded.size();
    return CVS_OK;
  });
}
