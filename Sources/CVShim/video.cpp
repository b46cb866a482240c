// Video files and streams through FFmpeg's libraries, converted straight into the caller's buffer.
#include "guard.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <chrono>
#include <cstring>
#include <deque>
#include <mutex>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// Planar and semi-planar YUV (and grey): plane 0 is the luma, one byte per pixel.
bool luma_first(AVPixelFormat format) {
  switch (format) {
  case AV_PIX_FMT_YUV420P: case AV_PIX_FMT_YUVJ420P: case AV_PIX_FMT_YUV422P: case AV_PIX_FMT_YUVJ422P:
  case AV_PIX_FMT_YUV444P: case AV_PIX_FMT_YUVJ444P: case AV_PIX_FMT_YUV440P: case AV_PIX_FMT_YUVJ440P:
  case AV_PIX_FMT_YUV411P: case AV_PIX_FMT_NV12: case AV_PIX_FMT_NV21: case AV_PIX_FMT_GRAY8:
    return true;
  default:
    return false;
  }
}

bool full_range(const AVFrame *frame) {
  switch (frame->format) {
  case AV_PIX_FMT_YUVJ420P: case AV_PIX_FMT_YUVJ422P: case AV_PIX_FMT_YUVJ444P: case AV_PIX_FMT_YUVJ440P:
  case AV_PIX_FMT_GRAY8:
    return true;
  default:
    return frame->color_range == AVCOL_RANGE_JPEG;
  }
}

std::string av_message(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {0};
  av_strerror(code, text, sizeof(text));
  return text;
}

} // namespace

struct cvs_video {
  AVFormatContext *format = nullptr;
  AVCodecContext *codec = nullptr;
  SwsContext *scaler = nullptr;
  AVPacket *packet = nullptr;
  AVFrame *frame = nullptr;
  int stream = -1;
  bool draining = false;    // the demuxer is done; the decoder is being flushed
  bool finished = false;
  int read_error = 0;       // why the demuxer stopped, when it was not the end of the input
  bool has_pending = false; // a decoded frame that did not fit the caller's buffer
  int64_t read_timeout_ms = 0;
  Clock::time_point deadline = Clock::time_point::max();
  // The last `clip_seconds` of the video stream's packets, from a key frame, for clips.
  double clip_seconds = 0;
  std::mutex ring_lock;
  std::deque<AVPacket *> ring;
  size_t ring_bytes = 0;
  std::vector<uint8_t> clip;

  ~cvs_video() {
    for (AVPacket *packet : ring) av_packet_free(&packet);
    sws_freeContext(scaler);
    av_frame_free(&frame);
    av_packet_free(&packet);
    avcodec_free_context(&codec);
    avformat_close_input(&format);
  }

  // Blocking FFmpeg calls poll this: returning 1 aborts them once the deadline has passed.
  static int interrupt(void *opaque) {
    auto *self = static_cast<cvs_video *>(opaque);
    return Clock::now() > self->deadline ? 1 : 0;
  }

  void arm(int64_t timeout_ms) {
    deadline = timeout_ms > 0 ? Clock::now() + std::chrono::milliseconds(timeout_ms) : Clock::time_point::max();
  }
};

extern "C" cvs_status cvs_video_open(const char *uri, const cvs_video_options *options, cvs_video **out,
                                     cvs_capture_info *info) {
  return cvs::guarded("cvs_video_open", [&]() -> cvs_status {
    if (!uri || !options || !out || !info) return cvs::fail(CVS_E_ARGUMENT, "cvs_video_open: null argument");
    *out = nullptr;
    av_log_set_level(AV_LOG_ERROR);
    auto video = std::make_unique<cvs_video>();
    video->format = avformat_alloc_context();
    if (!video->format) return cvs::fail(CVS_E_MEMORY, "cvs_video_open: out of memory");
    video->format->interrupt_callback.callback = cvs_video::interrupt;
    video->format->interrupt_callback.opaque = video.get();
    video->read_timeout_ms = options->read_timeout_ms;
    video->clip_seconds = options->clip_seconds;
    video->arm(options->open_timeout_ms);

    AVDictionary *settings = nullptr;
    if (std::strncmp(uri, "rtsp://", 7) == 0) av_dict_set(&settings, "rtsp_transport", "tcp", 0);
    int code = avformat_open_input(&video->format, uri, nullptr, &settings);
    av_dict_free(&settings);
    if (code < 0) {
      // avformat_open_input frees the context on failure.
      video->format = nullptr;
      return cvs::fail(CVS_E_OPEN, std::string("cannot open '") + uri + "': " + av_message(code));
    }
    if ((code = avformat_find_stream_info(video->format, nullptr)) < 0)
      return cvs::fail(CVS_E_OPEN, std::string("cannot read stream information of '") + uri + "': " + av_message(code));
    const AVCodec *decoder = nullptr;
    video->stream = av_find_best_stream(video->format, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
    if (video->stream < 0 || !decoder)
      return cvs::fail(CVS_E_OPEN, std::string("no decodable video stream in '") + uri + "'");
    AVStream *stream = video->format->streams[video->stream];
    video->codec = avcodec_alloc_context3(decoder);
    if (!video->codec) return cvs::fail(CVS_E_MEMORY, "cvs_video_open: out of memory");
    avcodec_parameters_to_context(video->codec, stream->codecpar);
    video->codec->thread_count = options->threads;
    video->codec->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
    if ((code = avcodec_open2(video->codec, decoder, nullptr)) < 0)
      return cvs::fail(CVS_E_OPEN, std::string("cannot start the decoder for '") + uri + "': " + av_message(code));
    video->packet = av_packet_alloc();
    video->frame = av_frame_alloc();
    if (!video->packet || !video->frame) return cvs::fail(CVS_E_MEMORY, "cvs_video_open: out of memory");

    std::memset(info, 0, sizeof(*info));
    info->width = video->codec->width;
    info->height = video->codec->height;
    AVRational rate = av_guess_frame_rate(video->format, stream, nullptr);
    info->fps = rate.num > 0 && rate.den > 0 ? av_q2d(rate) : 0;
    info->frame_count = stream->nb_frames > 0 ? stream->nb_frames : -1;
    std::strncpy(info->backend, "FFMPEG", sizeof(info->backend) - 1);
    *out = video.release();
    return CVS_OK;
  });
}

namespace {

// What the end of the footage is: CVS_END for the end of the input, CVS_E_READ naming the error
// for a read that failed (a connection reset, an I/O error), so a drop never looks like a clean end.
cvs_status ended(cvs_video *video) {
  video->finished = true;
  if (video->read_error == 0) return CVS_END;
  return cvs::fail(CVS_E_READ, "reading stopped before the end: " + av_message(video->read_error));
}

// The packet's time in stream seconds (its presentation time, else its decoding time).
double seconds(const cvs_video *video, const AVPacket *packet) {
  int64_t when = packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
  return when == AV_NOPTS_VALUE ? 0 : av_q2d(video->format->streams[video->stream]->time_base) * double(when);
}

// The packet's decoding time in stream seconds (else its presentation time).
double decoding_seconds(const cvs_video *video, const AVPacket *packet) {
  int64_t when = packet->dts != AV_NOPTS_VALUE ? packet->dts : packet->pts;
  return when == AV_NOPTS_VALUE ? 0 : av_q2d(video->format->streams[video->stream]->time_base) * double(when);
}

// Keeps a reference to the packet (no copy of its data), and lets go of the oldest group of
// pictures once the next one starts early enough; at most 512 MB are kept whatever the time.
void keep(cvs_video *video, const AVPacket *packet) {
  AVPacket *copy = av_packet_clone(packet);
  if (!copy) return;
  std::lock_guard<std::mutex> lock(video->ring_lock);
  if (video->ring.empty() && !(copy->flags & AV_PKT_FLAG_KEY)) {
    av_packet_free(&copy);  // a clip starts at a key frame
    return;
  }
  video->ring.push_back(copy);
  video->ring_bytes += size_t(copy->size);
  double newest = seconds(video, copy);
  while (video->ring.size() > 1) {
    size_t next_key = 1;
    while (next_key < video->ring.size() && !(video->ring[next_key]->flags & AV_PKT_FLAG_KEY)) ++next_key;
    if (next_key == video->ring.size()) break;
    bool old = seconds(video, video->ring[next_key]) <= newest - video->clip_seconds;
    if (!old && video->ring_bytes <= (size_t(512) << 20)) break;
    for (size_t i = 0; i < next_key; ++i) {
      video->ring_bytes -= size_t(video->ring.front()->size);
      av_packet_free(&video->ring.front());
      video->ring.pop_front();
    }
  }
}

// Pulls the next decoded frame into video->frame. CVS_END when everything is out.
cvs_status decode_next(cvs_video *video, int32_t *skipped) {
  while (true) {
    int code = avcodec_receive_frame(video->codec, video->frame);
    if (code == 0) return CVS_OK;
    if (code == AVERROR_EOF) return ended(video);
    if (code != AVERROR(EAGAIN)) {
      // A frame that cannot be decoded (a damaged or cut-off packet) is skipped and counted,
      // unless the decoder does nothing else: then the file is beyond repair.
      if (++*skipped > 1000) return cvs::fail(CVS_E_DECODE, "decoder keeps failing: " + av_message(code));
      continue;
    }
    if (video->draining) {
      return ended(video);
    }
    video->arm(video->read_timeout_ms);
    code = av_read_frame(video->format, video->packet);
    if (code == AVERROR_EXIT) return cvs::fail(CVS_E_READ, "no frame within the read timeout");
    if (code < 0) {
      // The end of the input, or a read that failed: flush what the decoder still holds first.
      if (code != AVERROR_EOF) video->read_error = code;
      video->draining = true;
      avcodec_send_packet(video->codec, nullptr);
      continue;
    }
    if (video->packet->stream_index == video->stream) {
      if (video->clip_seconds > 0) keep(video, video->packet);
      code = avcodec_send_packet(video->codec, video->packet);
      // A damaged packet is skipped and counted; the decoder resynchronises on the next key frame.
      if (code < 0 && code != AVERROR(EAGAIN)) *skipped += 1;
    }
    av_packet_unref(video->packet);
  }
}

} // namespace

extern "C" cvs_status cvs_video_read(cvs_video *video, cvs_image *dst, cvs_frame_meta *meta, int32_t *skipped) {
  return cvs::guarded("cvs_video_read", [&]() -> cvs_status {
    if (!video || !cvs::valid(dst) || !meta || !skipped || dst->depth != CVS_DEPTH_U8 ||
        (dst->channels != 1 && dst->channels != 3))
      return cvs::fail(CVS_E_ARGUMENT, "cvs_video_read: needs a 1- or 3-channel u8 destination");
    *skipped = 0;
    if (!video->has_pending) {
      if (video->finished) return ended(video);
      cvs_status status = decode_next(video, skipped);
      if (status != CVS_OK) return status;
    }
    AVFrame *frame = video->frame;
    meta->width = frame->width;
    meta->height = frame->height;
    AVStream *stream = video->format->streams[video->stream];
    int64_t pts = frame->best_effort_timestamp;
    meta->position_ms = pts == AV_NOPTS_VALUE ? -1 : av_q2d(stream->time_base) * double(pts) * 1000.0;
    if (frame->width != dst->width || frame->height != dst->height) {
      video->has_pending = true;
      return cvs::fail(CVS_E_BUFFER, "frame size differs from the buffer");
    }
    video->has_pending = false;
    meta->limited_range = 0;
    if (dst->channels == 1 && luma_first(static_cast<AVPixelFormat>(frame->format))) {
      // The luma plane is the grey image: copy it (a third of a BGR frame, no conversion). Video-range
      // luma is flagged; the pixel core stretches it to 0-255 on the small image, where it is free.
      for (int y = 0; y < frame->height; ++y)
        std::memcpy(static_cast<uint8_t *>(dst->data) + size_t(y) * dst->stride,
                    frame->data[0] + size_t(y) * frame->linesize[0], size_t(frame->width));
      meta->limited_range = full_range(frame) ? 0 : 1;
      av_frame_unref(frame);
      return CVS_OK;
    }
    AVPixelFormat target = dst->channels == 1 ? AV_PIX_FMT_GRAY8 : AV_PIX_FMT_BGR24;
    video->scaler = sws_getCachedContext(video->scaler, frame->width, frame->height,
                                         static_cast<AVPixelFormat>(frame->format), frame->width, frame->height,
                                         target, SWS_POINT, nullptr, nullptr, nullptr);
    if (!video->scaler) return cvs::fail(CVS_E_DECODE, "no conversion from the video's pixel format");
    uint8_t *planes[4] = {static_cast<uint8_t *>(dst->data), nullptr, nullptr, nullptr};
    int strides[4] = {dst->stride, 0, 0, 0};
    sws_scale(video->scaler, frame->data, frame->linesize, 0, frame->height, planes, strides);
    av_frame_unref(frame);
    return CVS_OK;
  });
}

extern "C" cvs_status cvs_video_clip(cvs_video *video, double from_s, double to_s, const uint8_t **bytes, size_t *length,
                                     double *first_s, double *last_s) {
  return cvs::guarded("cvs_video_clip", [&]() -> cvs_status {
    if (!video || !bytes || !length || !first_s || !last_s) return cvs::fail(CVS_E_ARGUMENT, "cvs_video_clip: null argument");
    *bytes = nullptr;
    *length = 0;
    // References to the packets, taken under the lock; the muxing runs without it.
    std::vector<AVPacket *> packets;
    {
      std::lock_guard<std::mutex> lock(video->ring_lock);
      size_t start = 0;
      for (size_t i = 0; i < video->ring.size(); ++i)
        if ((video->ring[i]->flags & AV_PKT_FLAG_KEY) && seconds(video, video->ring[i]) <= from_s) start = i;
      // By decoding time: every frame shown up to `to_s` is decoded by then (a few after it too).
      for (size_t i = start; i < video->ring.size(); ++i) {
        if (decoding_seconds(video, video->ring[i]) > to_s && i > start) break;
        packets.push_back(av_packet_clone(video->ring[i]));
      }
    }
    struct Owned {
      std::vector<AVPacket *> &packets;
      AVFormatContext *out = nullptr;
      ~Owned() {
        for (AVPacket *packet : packets) av_packet_free(&packet);
        if (out) {
          uint8_t *rest = nullptr;
          if (out->pb) {
            avio_close_dyn_buf(out->pb, &rest);
            av_free(rest);
          }
          avformat_free_context(out);
        }
      }
    } owned{packets};
    if (packets.empty()) return cvs::fail(CVS_E_ARGUMENT, "no packets kept for that time (clips are off, or it is older than the buffer)");
    AVStream *source = video->format->streams[video->stream];
    int code = avformat_alloc_output_context2(&owned.out, nullptr, "mp4", nullptr);
    if (code < 0 || !owned.out) return cvs::fail(CVS_E_MEMORY, "cannot make an MP4 muxer: " + av_message(code));
    AVStream *stream = avformat_new_stream(owned.out, nullptr);
    if (!stream) return cvs::fail(CVS_E_MEMORY, "cvs_video_clip: out of memory");
    avcodec_parameters_copy(stream->codecpar, source->codecpar);
    stream->codecpar->codec_tag = 0;
    stream->time_base = source->time_base;
    if ((code = avio_open_dyn_buf(&owned.out->pb)) < 0) return cvs::fail(CVS_E_MEMORY, "cvs_video_clip: " + av_message(code));
    AVDictionary *settings = nullptr;
    av_dict_set(&settings, "movflags", "frag_keyframe+empty_moov+default_base_moof", 0);
    code = avformat_write_header(owned.out, &settings);
    av_dict_free(&settings);
    if (code < 0) return cvs::fail(CVS_E_ENCODE, "the stream cannot go into an MP4 (" + av_message(code) + ")");
    // The clip starts at 0: every timestamp moves back by the first packet's decoding time.
    int64_t origin = packets.front()->dts != AV_NOPTS_VALUE ? packets.front()->dts : packets.front()->pts;
    if (origin == AV_NOPTS_VALUE) origin = 0;
    *first_s = seconds(video, packets.front());
    *last_s = *first_s;
    for (AVPacket *packet : packets) {
      *last_s = std::max(*last_s, seconds(video, packet));
      if (packet->pts != AV_NOPTS_VALUE) packet->pts -= origin;
      if (packet->dts != AV_NOPTS_VALUE) packet->dts -= origin;
      packet->stream_index = 0;
      packet->pos = -1;
      av_packet_rescale_ts(packet, source->time_base, stream->time_base);
      if ((code = av_write_frame(owned.out, packet)) < 0) return cvs::fail(CVS_E_ENCODE, "cannot write the clip: " + av_message(code));
    }
    if ((code = av_write_trailer(owned.out)) < 0) return cvs::fail(CVS_E_ENCODE, "cannot finish the clip: " + av_message(code));
    uint8_t *data = nullptr;
    int size = avio_close_dyn_buf(owned.out->pb, &data);
    owned.out->pb = nullptr;
    video->clip.assign(data, data + std::max(0, size));
    av_free(data);
    *bytes = video->clip.data();
    *length = video->clip.size();
    return CVS_OK;
  });
}

extern "C" void cvs_video_close(cvs_video *video) {
  try {
    delete video;
  } catch (...) {
  }
}
