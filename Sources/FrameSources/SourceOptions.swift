import CVBridge
import Foundation
import PixelCore
import Logging
import Timing

/// How to open a source, whatever kind it turns out to be.
public struct SourceOptions: Sendable {
    /// The pixels the pipeline wants.
    public var request: FrameRequest = .fullColour
    /// Pace files and folders at their media time instead of as fast as possible.
    public var realtime = false
    /// Treat a file like a camera: read it on its own thread at its own pace and drop frames
    /// the pipeline is too slow for (for testing what a live camera would do).
    public var live = false
    /// Frame rate given to image folders, which have none of their own.
    public var folderFPS: Double = 10
    /// Streams: seconds to wait for a connection and for each frame.
    public var openTimeout: Double = 10
    /// Streams: seconds to wait for each frame.
    public var readTimeout: Double = 10
    /// Files and streams: seconds of encoded packets kept for clips (0: none).
    public var clipSeconds = 0

    /// Defaults: full-colour, as fast as possible.
    public init() {}
}

/// The kind of source a spec names.
public enum SourceKind: Sendable, Equatable {
    /// A video file.
    case videoFile
    /// A network stream URL.
    case stream
    /// A V4L2 device.
    case device
    /// A folder of images.
    case imageFolder
    /// One image file.
    case image

    /// Tells the kind from a path or URL, looking at the disk for paths.
    public static func of(_ spec: String) throws(FrameSourceError) -> SourceKind {
        if let scheme = spec.range(of: "://").map({ String(spec[..<$0.lowerBound]).lowercased() }), scheme != "file" {
            return .stream
        }
        let path = spec.hasPrefix("file://") ? String(spec.dropFirst(7)) : spec
        if path.hasPrefix("/dev/video") { return .device }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw .notFound(path) }
        if isFolder.boolValue { return .imageFolder }
        let ext = (path as NSString).pathExtension.lowercased()
        return ImageFolderReader.imageExtensions.contains(ext) ? .image : .videoFile
    }
}

/// Opens the right reader for `spec` (a path, folder, URL or device) and wraps it: live sources
/// on their own thread keeping the newest frame, recorded footage paced without drops.
public func openSource(_ spec: String, options: SourceOptions, logger: Logger) throws(FrameSourceError) -> FrameSource {
    let kind = try SourceKind.of(spec)
    let path = spec.hasPrefix("file://") ? String(spec.dropFirst(7)) : spec
    let reader: FrameReader = switch kind {
    case .videoFile: try VideoReader(uri: path, kind: .file, format: options.request.format, clipSeconds: options.clipSeconds,
                                     logger: logger)
    case .stream: try VideoReader(uri: spec, kind: .stream, format: options.request.format, openTimeout: options.openTimeout,
                                  readTimeout: options.readTimeout, clipSeconds: options.clipSeconds, logger: logger)
    case .device: try VideoReader(uri: path, kind: .device, logger: logger)
    case .imageFolder, .image: try ImageFolderReader(path: path, request: options.request, fps: options.folderFPS, logger: logger)
    }
    if reader.isLive || options.live {
        return LiveSource(reader: options.live && !reader.isLive ? PacedReader(reader) : reader)
    }
    return PacedSource(reader: reader, realtime: options.realtime)
}

/// Makes recorded footage behave like a camera: frames come at their media time.
final class PacedReader: FrameReader {
    private let inner: FrameReader
    private var start: (wall: ContinuousClock.Instant, media: Double)?

    init(_ inner: FrameReader) { self.inner = inner }

    var name: String { inner.name }
    var counters: SourceCounters { inner.counters }
    var isLive: Bool { true }

    func clip(from: Double, through: Double) -> VideoClip? {
        inner.clip(from: from, through: through)
    }

    func read(into buffer: PixelBuffer) throws(FrameSourceError) -> FrameInfo? {
        guard let info = try inner.read(into: buffer) else { return nil }
        let now = ContinuousClock.now
        if let start {
            let due = start.wall + .seconds(info.mediaTime - start.media)
            if due > now { Thread.sleep(forTimeInterval: (due - now).inSeconds) }
        } else {
            start = (now, info.mediaTime)
        }
        return info
    }
}
