import CVShim
import Foundation
import PixelCore

/// A video file or network stream decoded by FFmpeg and converted straight into a reused
/// `PixelBuffer`, grey (the luma plane, range-corrected) or BGR.
public final class VideoDecoder {
    private let handle: OpaquePointer
    /// What the footage is.
    public let info: CaptureInfo
    /// The URI it was opened on.
    public let uri: String

    /// Opens `uri`. Timeouts in milliseconds bound opening and waiting for each frame (0: none);
    /// `threads` 0 lets the decoder use every core; `clipSeconds` of encoded packets are kept for
    /// `clip(from:through:)` (0: none).
    public init(uri: String, openTimeoutMs: Int = 0, readTimeoutMs: Int = 0, threads: Int = 0, clipSeconds: Int = 0) throws(ShimError) {
        var options = cvs_video_options(open_timeout_ms: Int32(openTimeoutMs), read_timeout_ms: Int32(readTimeoutMs),
                                        threads: Int32(threads), clip_seconds: Int32(clipSeconds))
        var raw: OpaquePointer?
        var info = cvs_capture_info()
        try check(cvs_video_open(uri, &options, &raw, &info))
        guard let raw else { throw ShimError(status: CVS_E_INTERNAL) }
        handle = raw
        self.uri = uri
        self.info = CaptureInfo(info)
    }

    deinit { cvs_video_close(handle) }

    /// The kept packets from the key frame at or before `from` through `through` (seconds of the
    /// stream's own timestamps) as an MP4, without decoding: the stream's own encoding. Safe to
    /// call while another thread reads frames.
    ///
    /// - Throws: `ShimError` when no packets are kept for that time or the codec cannot go into an MP4.
    public func clip(from: Double, through: Double) throws(ShimError) -> VideoClip {
        var bytes: UnsafePointer<UInt8>?
        var length = 0
        var first = 0.0, last = 0.0
        try check(cvs_video_clip(handle, from, through, &bytes, &length, &first, &last))
        let data = bytes.map { Data(UnsafeBufferPointer(start: $0, count: length)) } ?? Data()
        return VideoClip(mp4: data, firstSecond: first, lastSecond: last)
    }

    /// Decodes the next frame into `buffer` with `channels` (1: grey, 3: BGR), reshaping it when the
    /// size changes. Returns nil at the end of the footage.
    public func read(into buffer: PixelBuffer, channels: Int) throws(ShimError) -> DecodedFrame? {
        if buffer.channels != channels || buffer.width != info.width || buffer.height != info.height {
            buffer.reshape(width: max(1, info.width), height: max(1, info.height), channels: channels)
        }
        for _ in 0..<2 {
            var image = buffer.shimImage
            var meta = cvs_frame_meta()
            var skipped: Int32 = 0
            let status = cvs_video_read(handle, &image, &meta, &skipped)
            switch status {
            case CVS_OK:
                return DecodedFrame(position: FramePosition(milliseconds: meta.position_ms >= 0 ? meta.position_ms : nil),
                                    skippedPackets: Int(skipped), range: meta.limited_range != 0 ? .video : .full)
            case CVS_END:
                return nil
            case CVS_E_BUFFER:
                buffer.reshape(width: Int(meta.width), height: Int(meta.height), channels: channels)
            default:
                throw ShimError(status: status)
            }
        }
        throw ShimError(status: CVS_E_BUFFER)
    }
}

/// One decoded frame's position and what was lost before it.
public struct DecodedFrame: Sendable, Equatable {
    /// Where the frame sits in the footage.
    public var position: FramePosition
    /// Packets dropped as undecodable since the previous frame.
    public var skippedPackets: Int
    /// The value range of grey frames.
    public var range: LumaRange
}

extension CaptureInfo {
    init(_ info: cvs_capture_info) {
        let backend = withUnsafeBytes(of: info.backend) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        self.init(width: Int(info.width), height: Int(info.height), fps: info.fps > 0 ? info.fps : nil,
                  frameCount: info.frame_count > 0 ? Int(info.frame_count) : nil, backend: backend)
    }
}

/// A stretch of a video's own encoded packets in an MP4.
public struct VideoClip: Sendable, Equatable {
    /// The MP4 (fragmented: it needs no seeking and plays in browsers).
    public var mp4: Data
    /// Stream seconds of its first and last packets.
    public var firstSecond: Double
    public var lastSecond: Double

    /// A clip.
    public init(mp4: Data, firstSecond: Double, lastSecond: Double) {
        self.mp4 = mp4
        self.firstSecond = firstSecond
        self.lastSecond = lastSecond
    }
}
