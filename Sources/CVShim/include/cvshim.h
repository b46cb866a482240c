/* Portsight's C surface over OpenCV 4.6 and libjpeg-turbo.
 *
 * Plain C so Swift imports it without C++ interop. Every entry point catches
 * C++ exceptions and returns a cvs_status; the message of the last failure on
 * the calling thread is in cvs_last_error(). Pixels live in caller-owned
 * buffers described by cvs_image, so frames are decoded straight into memory
 * that Swift reuses from frame to frame.
 */
#ifndef PORTSIGHT_CVSHIM_H
#define PORTSIGHT_CVSHIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum cvs_status {
  CVS_OK = 0,
  CVS_END = 1,            /* end of the footage: not an error */
  CVS_E_ARGUMENT = -1,    /* a bad argument (null pointer, wrong size or type) */
  CVS_E_OPEN = -2,        /* a file, URL or device could not be opened */
  CVS_E_DECODE = -3,      /* corrupt or unsupported image or frame data */
  CVS_E_BUFFER = -4,      /* the destination is too small; the required size is reported */
  CVS_E_OPENCV = -5,      /* OpenCV raised cv::Exception */
  CVS_E_MEMORY = -6,      /* allocation failed */
  CVS_E_ENCODE = -7,      /* encoding failed */
  CVS_E_READ = -8,        /* reading a frame failed before the end (stream dropped, timeout) */
  CVS_E_INTERNAL = -9     /* any other C++ exception */
} cvs_status;

/* The message of the last failed call on this thread ("" if none). Valid until the next call. */
const char *cvs_last_error(void);

/* OpenCV's version string, e.g. "4.6.0". */
const char *cvs_opencv_version(void);

/* Sets OpenCV's worker thread count (1 keeps small images on the calling thread). */
void cvs_set_num_threads(int32_t threads);

typedef enum cvs_depth { CVS_DEPTH_U8 = 0, CVS_DEPTH_F32 = 1 } cvs_depth;

/* A view of caller-owned pixels: rows of `stride` bytes, `channels` interleaved (BGR order for 3). */
typedef struct cvs_image {
  void *data;
  int32_t width;
  int32_t height;
  int32_t stride;
  int32_t channels;
  int32_t depth; /* cvs_depth */
} cvs_image;

/* ---------------------------------------------------------------- capture (OpenCV VideoCapture)
 * V4L2 devices, and OpenCV's own decode of files (the reference in tests). Files and streams in
 * the pipeline use cvs_video below. */

typedef enum cvs_capture_kind {
  CVS_CAPTURE_FILE = 0,  /* anything OpenCV's FFmpeg backend reads */
  CVS_CAPTURE_DEVICE = 2 /* a V4L2 device path such as /dev/video0 */
} cvs_capture_kind;

typedef struct cvs_capture_options {
  int32_t kind; /* cvs_capture_kind */
} cvs_capture_options;

typedef struct cvs_capture_info {
  int32_t width;
  int32_t height;
  double fps;          /* 0 when the container does not say */
  int64_t frame_count; /* -1 when unknown (streams, some containers) */
  char backend[32];
} cvs_capture_info;

typedef struct cvs_frame_meta {
  int32_t width;   /* the frame's size; on CVS_E_BUFFER the size the destination must have */
  int32_t height;
  double position_ms; /* the decoder's position of this frame in the footage, -1 if unknown */
  int32_t limited_range; /* grey frames: 1 when the values are video-range luma (16-235), not 0-255 */
} cvs_frame_meta;

typedef struct cvs_capture cvs_capture;

cvs_status cvs_capture_open(const char *uri, const cvs_capture_options *options,
                            cvs_capture **out, cvs_capture_info *info);

/* Reads the next frame as BGR into `dst` (3 channels, u8). Returns CVS_END at the end of the
 * footage. If `dst` does not have the frame's size, returns CVS_E_BUFFER with the size in `meta`
 * and keeps the frame, so the next call with a matching buffer returns it. */
cvs_status cvs_capture_read(cvs_capture *capture, cvs_image *dst, cvs_frame_meta *meta);

void cvs_capture_close(cvs_capture *capture);

/* ---------------------------------------------------------------- video (FFmpeg directly)
 * Files and network streams decoded with libavformat/libavcodec, converted by libswscale straight
 * into the caller's buffer: grey frames never go through BGR, which is what OpenCV's
 * VideoCapture would do (and then copy). Devices still use cvs_capture (V4L2). */

typedef struct cvs_video cvs_video;

typedef struct cvs_video_options {
  int32_t open_timeout_ms; /* give up opening after this long (0: no limit) */
  int32_t read_timeout_ms; /* give up waiting for the next frame after this long (0: no limit) */
  int32_t threads;         /* decoder threads (0: as many as cores) */
  int32_t clip_seconds;    /* keep the last this many seconds of encoded packets for clips (0: none) */
} cvs_video_options;

cvs_status cvs_video_open(const char *uri, const cvs_video_options *options, cvs_video **out,
                          cvs_capture_info *info);

/* Decodes the next frame into `dst`: 1 channel for grey, 3 for BGR, of the video's size (else
 * CVS_E_BUFFER with the size in `meta`, the frame kept for the next call). `skipped` gets the
 * number of packets dropped as undecodable before this frame. CVS_END at the end. */
cvs_status cvs_video_read(cvs_video *video, cvs_image *dst, cvs_frame_meta *meta, int32_t *skipped);

/* Writes the kept packets from the key frame at or before `from_s` through `to_s` (stream
 * seconds, as cvs_frame_meta's position) into an MP4 (fragmented, so it needs no seeking; it plays
 * in browsers), without decoding or encoding. `bytes` stays valid until the next call or close.
 * CVS_E_ARGUMENT when no packets are kept for that time. Safe to call while another thread reads. */
cvs_status cvs_video_clip(cvs_video *video, double from_s, double to_s, const uint8_t **bytes, size_t *length,
                          double *first_s, double *last_s);

void cvs_video_close(cvs_video *video);

/* ---------------------------------------------------------------- writer */

/* Annotated footage: BGR frames of one size into an H.264 MP4 (OpenCV's FFmpeg writer). */
typedef struct cvs_writer cvs_writer;

cvs_status cvs_writer_open(const char *path, int32_t width, int32_t height, double fps, cvs_writer **out);
cvs_status cvs_writer_write(cvs_writer *writer, const cvs_image *frame);
/* Finishes the file and frees the writer. */
void cvs_writer_close(cvs_writer *writer);

/* Draws a polyline (`count` points as x, y pairs; `closed` joins the last to the first) with an
 * optional label by its first point. */
cvs_status cvs_draw_polyline(cvs_image *image, const int32_t *xy, int32_t count, int32_t closed, uint8_t b, uint8_t g,
                             uint8_t r, int32_t thickness, const char *label);

/* ---------------------------------------------------------------- codecs */

typedef enum cvs_pixel_format { CVS_FORMAT_BGR = 0, CVS_FORMAT_GRAY = 1 } cvs_pixel_format;

typedef enum cvs_image_type {
  CVS_TYPE_OTHER = 0,
  CVS_TYPE_JPEG = 1,
  CVS_TYPE_PNG = 2
} cvs_image_type;

typedef struct cvs_image_header {
  int32_t type;        /* cvs_image_type */
  int32_t full_width;  /* size of the stored image */
  int32_t full_height;
  int32_t width;       /* size after the requested scale */
  int32_t height;
  int32_t scale_denom; /* the scale that will be applied: 1, 2, 4 or 8 */
} cvs_image_header;

typedef struct cvs_codec cvs_codec;

/* A reusable decoder/encoder: keeps libjpeg state and encode buffers between images. */
cvs_status cvs_codec_create(cvs_codec **out);
void cvs_codec_destroy(cvs_codec *codec);

/* Reads the header of an encoded image and the size it decodes to at 1/scale_denom
 * (1, 2, 4 or 8; JPEGs are scaled by libjpeg-turbo inside the IDCT, others by INTER_AREA). */
cvs_status cvs_codec_header(cvs_codec *codec, const uint8_t *bytes, size_t length,
                            int32_t scale_denom, cvs_image_header *header);

/* Decodes into `dst`, which must have the size cvs_codec_header reported for the same scale,
 * 3 channels for CVS_FORMAT_BGR and 1 for CVS_FORMAT_GRAY. A JPEG with corrupt or missing data
 * (libjpeg warnings included) is CVS_E_DECODE rather than a half-grey frame. */
cvs_status cvs_codec_decode(cvs_codec *codec, const uint8_t *bytes, size_t length,
                            int32_t scale_denom, int32_t format, cvs_image *dst);

/* Encodes `src` as ".jpg" (quality 1-100) or ".png". The bytes stay valid until the next call on
 * this codec. */
cvs_status cvs_codec_encode(cvs_codec *codec, const cvs_image *src, const char *extension,
                            int32_t quality, const uint8_t **bytes, size_t *length);

/* ---------------------------------------------------------------- reference operations
 * OpenCV's own versions of the pixel core's kernels, for tests and benchmarks. */

/* cvtColor BGR2GRAY (or a copy for 1 channel), then resize INTER_AREA to dst's size. */
cvs_status cvs_op_gray_resize_area(const cvs_image *src, cvs_image *dst);
/* resize INTER_AREA of any u8 image to dst's size. */
cvs_status cvs_op_resize_area(const cvs_image *src, cvs_image *dst);
/* cvtColor BGR2GRAY. */
cvs_status cvs_op_bgr_to_gray(const cvs_image *src, cvs_image *dst);
/* accumulateWeighted(src u8, avg f32, alpha). */
cvs_status cvs_op_accumulate_weighted(const cvs_image *src, cvs_image *avg, double alpha);
/* absdiff(a, convertScaleAbs(b)) where b may be f32, then threshold BINARY at `threshold` (255/0). */
cvs_status cvs_op_diff_threshold(const cvs_image *a, const cvs_image *b, int32_t threshold,
                                 cvs_image *dst);
/* dilate with a 3x3 rectangle, `iterations` times, border treated as 0. */
cvs_status cvs_op_dilate(const cvs_image *src, cvs_image *dst, int32_t iterations);

typedef struct cvs_component {
  int32_t x, y, width, height; /* bounding box */
  int32_t area;                /* pixel count */
} cvs_component;

/* connectedComponentsWithStats (8-connectivity) of a binary u8 image; background excluded.
 * Writes at most `capacity` components; `count` gets the total found. */
cvs_status cvs_op_connected_components(const cvs_image *src, cvs_component *out,
                                       int32_t capacity, int32_t *count);

/* The whole motion step done with OpenCV calls, in the order a typical NVR does it:
 * cvtColor, resize INTER_AREA, optional GaussianBlur, absdiff against the running average,
 * threshold, dilate, findContours (external), boundingRect, accumulateWeighted. Buffers are kept
 * between frames. Used to measure the pixel core against OpenCV on the same frames. */
typedef struct cvs_motion_chain cvs_motion_chain;

typedef struct cvs_motion_params {
  int32_t work_width;
  int32_t work_height;
  int32_t threshold;
  int32_t dilate_iterations;
  int32_t blur_radius; /* 0: no blur; else a (2r+1)x(2r+1) Gaussian */
  double alpha;
  int32_t min_area;
} cvs_motion_params;

cvs_status cvs_motion_chain_create(const cvs_motion_params *params, cvs_motion_chain **out);
cvs_status cvs_motion_chain_step(cvs_motion_chain *chain, const cvs_image *frame,
                                 cvs_component *boxes, int32_t capacity, int32_t *count);
void cvs_motion_chain_destroy(cvs_motion_chain *chain);

/* ---------------------------------------------------------------- neural networks (cv::dnn) */

typedef struct cvs_net cvs_net;

typedef enum cvs_net_format { CVS_NET_ONNX = 0, CVS_NET_DARKNET = 1 } cvs_net_format;

/* Loads a model: ONNX (`config` unused) or Darknet (`model` = weights, `config` = cfg). */
cvs_status cvs_net_load(int32_t format, const char *model, const char *config, cvs_net **out);
void cvs_net_free(cvs_net *net);

/* An output of a forward pass: float32, row-major, owned by the net until its next forward. */
typedef struct cvs_tensor {
  const float *data;
  int32_t dims;
  int32_t shape[6];
} cvs_tensor;

/* Runs the net on an NCHW float32 input; writes up to `capacity` outputs (in the order of the
 * net's unconnected output layers) and their count. */
cvs_status cvs_net_forward(cvs_net *net, const float *input, int32_t n, int32_t c, int32_t h, int32_t w,
                           cvs_tensor *outputs, int32_t capacity, int32_t *count);

/* ---------------------------------------------------------------- text regions */

/* A rotated rectangle: centre, size, angle in degrees (OpenCV's RotatedRect convention). */
typedef struct cvs_rotated_rect {
  float cx, cy, width, height, angle;
  float score; /* mean probability inside the region */
} cvs_rotated_rect;

/* DB (differentiable binarization) post-processing of a text probability map (h x w floats):
 * threshold at `bin_threshold`, external contours, minAreaRect, box score = mean probability
 * inside the contour, boxes scoring under `box_threshold` dropped, the rest expanded ("unclip")
 * by area * unclip_ratio / perimeter on every side, then scaled by (scale_x, scale_y) into image
 * coordinates. Writes up to `capacity` boxes, highest score first; `count` gets the total. */
cvs_status cvs_db_boxes(const float *map, int32_t w, int32_t h, float bin_threshold, float box_threshold,
                        float unclip_ratio, float min_size, float scale_x, float scale_y,
                        cvs_rotated_rect *boxes, int32_t capacity, int32_t *count);

/* Cuts the rotated rectangle out of `src`, upright (its longer side horizontal unless
 * `keep_orientation`), and resizes it into `dst` (its size decides the output size). */
cvs_status cvs_crop_rotated(const cvs_image *src, const cvs_rotated_rect *rect, int32_t keep_orientation,
                            cvs_image *dst);

/* Draws a rectangle outline and, if `label` is not empty, the label on a filled strip above it
 * (below it at the top edge), in colour (b, g, r), onto a BGR image in place. */
cvs_status cvs_draw_box(cvs_image *image, int32_t x, int32_t y, int32_t w, int32_t h, uint8_t b, uint8_t g,
                        uint8_t r, int32_t thickness, const char *label);

/* Resizes any u8 image into dst's size with bilinear interpolation. */
cvs_status cvs_op_resize_linear(const cvs_image *src, cvs_image *dst);

#ifdef __cplusplus
}
#endif

#endif
