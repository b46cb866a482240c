import CVBridge
import Foundation
import Logging
import PixelCore

/// Reads a video file, a network stream or a V4L2 device through OpenCV's FFmpeg/V4L2 backends.
/// Frames are always full-resolution BGR: the decoder hands out colour anyway.
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

    public let name: String
    public private(set) var counters = SourceCounters()
    public var isLive: Bool { kind != .file }
    /// The footage's properties.
    public let info: CaptureInfo
    private let kind: Kind
    private let capture: VideoCapture
    private let logger: Logger
    private var index = 0
    private var lastMediaTime: Double?

    /// Opens `uri`. Streams give up opening after `openTimeout` and waiting for a frame after `readTimeout` seconds.
    public init(uri: String, kind: Kind, openTimeout: Double = 10, readTimeout: Double = 10, logger: Logger) throws(FrameSourceError) {
        if kind == .file && !FileManager.default.fileExists(atPath: uri) { throw .notFound(uri) }
        let captureKind: CaptureKind = switch kind {
        case .file: .file
        case .stream: .stream(openTimeoutMs: Int(openTimeout * 1000), readTimeoutMs: Int(readTimeout * 1000))
        case .device: .device
        }
        do {
            capture = try VideoCapture(uri: uri, kind: captureKind)
        } catch {
            let reason = switch kind {
            case .file: "not a video FFmpeg can read, or the file is damaged at its start"
            case .stream: "no stream answered (check the URL, the camera's address and credentials)"
            case .device: "no V4L2 device answered (check the path and permissions)"
            }
            throw .cannotOpen(uri, reason: reason)
        }
        self.name = uri
        self.kind = kind
        self.info = capture.info
        self.logger = logger
        counters.expected = kind == .file ? info.frameCount : nil
    }

    public func read(into buffer: PixelBuffer) throws(FrameSourceError) -> FrameInfo? {
        let position: FramePosition?
        do {
            position = try capture.read(into: buffer)
        } catch {
            throw .readFailed(name, reason: error.description)
        }
        guard let position else {
            try finish()
            return nil
        }
        // The decoder's timestamp, unless it has none or goes backwards (FFmpeg gives 0 for the
        // frames it flushes at the end of a file with B-frames): then one frame after the last.
        let interval = 1 / (info.fps ?? 25)
        var mediaTime = position.milliseconds.map { $0 / 1000 } ?? lastMediaTime.map { $0 + interval } ?? 0
        if let last = lastMediaTime, mediaTime <= last { mediaTime = last + interval }
        lastMediaTime = mediaTime
        let frame = FrameInfo(index: index, mediaTime: mediaTime, captureTime: Date(),
                              frameWidth: buffer.width, frameHeight: buffer.height)
        index += 1
        counters.frames += 1
        return frame
    }

    /// At the end: a stream or device that ends has dropped; a file that ends early is truncated.
    private func finish() throws(FrameSourceError) {
        switch kind {
        case .stream, .device:
            throw .disconnected(name, reason: "end of stream or read timeout after \(counters.frames) frames")
        case .file:
            // Containers round their frame counts; only a clear shortfall means damage.
            if let expected = counters.expected, counters.frames < expected - max(2, expected / 100) {
                if !counters.truncated {
                    logger.warning("video ended early: truncated or damaged file",
                                   metadata: ["source": "\(name)", "frames": "\(counters.frames)", "expected": "\(expected)"])
                }
                counters.truncated = true
            }
        }
    }
}
