import CVBridge
import Foundation
import Logging
import Synchronization
import PixelCore
import Timing

/// Reads a video file or network stream through FFmpeg, or a V4L2 device through OpenCV.
/// Files and streams are converted straight to the requested layout: grey frames never pass
/// through BGR. Devices deliver BGR.
public final class VideoReader: FrameReader {
    /// What is read.
    public enum Kind: Sendable, Equatable {
        /// A file on disk.
        case file
        /// rtsp://, http:// and other URLs FFmpeg opens.
        case stream
        /// A V4L2 device such as /dev/video0.
        case device
    }

    private enum Backend {
        case ffmpeg(VideoDecoder)
        case v4l2(VideoCapture)
    }

    public let name: String
    public private(set) var counters = SourceCounters()
    public var isLive: Bool { kind != .file }
    /// The footage's properties.
    public let info: CaptureInfo
    private let kind: Kind
    private let backend: Backend
    private let channels: Int
    private let logger: Logger
    private var index = 0
    private var lastMediaTime: Double?
    /// When a stream was opened: a stream's media time is the time its frames arrive.
    private let opened = ContinuousClock.now
    /// Media time minus the stream's own time at the last frame: where a clip's packets are.
    private let streamOffset = Mutex<Double?>(nil)
    /// True when packets are kept for clips: only then is the offset noted, frame by frame.
    private let keepsClips: Bool

    /// Opens `uri` for frames in `format`. Streams give up opening after `openTimeout` and waiting
    /// for a frame after `readTimeout` seconds.
    /// Files and streams keep `clipSeconds` of encoded packets for `clip(from:through:)`.
    public init(uri: String, kind: Kind, format: PixelFormat = .bgr, openTimeout: Double = 10, readTimeout: Double = 10,
                clipSeconds: Int = 0, logger: Logger) throws(FrameSourceError) {
        if kind == .file && !FileManager.default.fileExists(atPath: uri) { throw .notFound(uri) }
        do {
            switch kind {
            case .file:
                backend = .ffmpeg(try VideoDecoder(uri: uri, clipSeconds: clipSeconds))
            case .stream:
                backend = .ffmpeg(try VideoDecoder(uri: uri, openTimeoutMs: Int(openTimeout * 1000),
                                                   readTimeoutMs: Int(readTimeout * 1000), clipSeconds: clipSeconds))
            case .device:
                backend = .v4l2(try VideoCapture(uri: uri, kind: .device))
            }
        } catch {
            let reason = switch kind {
            case .file: "not a video FFmpeg can read, or the file is damaged at its start"
            case .stream: "no stream answered (check the URL, the camera's address and credentials)"
            case .device: "no V4L2 device answered (check the path and permissions)"
            }
            logger.debug("open failed", metadata: ["source": "\(uri)", "error": "\(error)"])
            throw .cannotOpen(uri, reason: reason)
        }
        switch backend {
        case let .ffmpeg(decoder):
            info = decoder.info
            channels = format == .gray ? 1 : 3
        case let .v4l2(capture):
            info = capture.info
            channels = 3
        }
        self.name = uri
        self.kind = kind
        keepsClips = clipSeconds > 0 && kind != .device
        self.logger = logger
        counters.expected = kind == .file ? info.frameCount : nil
    }

    public func read(into buffer: PixelBuffer) throws(FrameSourceError) -> FrameInfo? {
        let position: FramePosition?
        var range = LumaRange.full
        do {
            switch backend {
            case let .ffmpeg(decoder):
                let decoded = try decoder.read(into: buffer, channels: channels)
                if let decoded, decoded.skippedPackets > 0 {
                    counters.corrupt += decoded.skippedPackets
                    logger.warning("skipped undecodable video packets", metadata: ["source": "\(name)", "count": "\(decoded.skippedPackets)"])
                }
                position = decoded?.position
                range = decoded?.range ?? .full
            case let .v4l2(capture):
                position = try capture.read(into: buffer)
            }
        } catch {
            if kind != .file, error.kind == .read {
                throw .disconnected(name, reason: error.description)
            }
            throw .readFailed(name, reason: error.description)
        }
        guard let position else {
            try finish()
            return nil
        }
        // A file's frames carry the decoder's timestamp, unless it has none or goes backwards: then
        // one frame after the last. A stream's carry their arrival: a stream's timestamps can run
        // at any rate (an MJPEG camera's say 25 frames/s while it sends 5), and the events of a
        // live camera happen when its frames come.
        let interval = 1 / (info.fps ?? 25)
        var mediaTime: Double
        if kind == .stream {
            mediaTime = (ContinuousClock.now - opened).inSeconds
        } else if let milliseconds = position.milliseconds {
            mediaTime = milliseconds / 1000
        } else {
            mediaTime = (lastMediaTime ?? -interval) + interval
        }
        if let last = lastMediaTime, mediaTime <= last { mediaTime = last + interval }
        lastMediaTime = mediaTime
        if keepsClips, let milliseconds = position.milliseconds { streamOffset.withLock { $0 = mediaTime - milliseconds / 1000 } }
        let frame = FrameInfo(index: index, mediaTime: mediaTime, captureTime: Date(),
                              frameWidth: buffer.width, frameHeight: buffer.height, lumaRange: range)
        index += 1
        counters.frames += 1
        return frame
    }

    public func clip(from: Double, through: Double) -> VideoClip? {
        guard case let .ffmpeg(decoder) = backend, let offset = streamOffset.withLock({ $0 }) else { return nil }
        return try? decoder.clip(from: from - offset, through: through - offset)
    }

    /// At the end: a stream or device that ends has dropped; a file that ends early is truncated. A
    /// file whose frames reach its end but are fewer than it says was damaged in the middle: its
    /// lost frames are in `corrupt` (and the frames that needed them), and it is not truncated.
    private func finish() throws(FrameSourceError) {
        switch kind {
        case .stream, .device:
            throw .disconnected(name, reason: "end of stream or read timeout after \(counters.frames) frames")
        case .file:
            // Containers round their frame counts; only a clear shortfall means damage.
            let interval = 1 / (info.fps ?? 25)
            if let expected = counters.expected, counters.frames < expected - max(2, expected / 100),
               (lastMediaTime ?? 0) < Double(expected - 3) * interval {
                if !counters.truncated {
                    logger.warning("video ended early: truncated or damaged file",
                                   metadata: ["source": "\(name)", "frames": "\(counters.frames)", "expected": "\(expected)"])
                }
                counters.truncated = true
            }
        }
    }
}
