import CVBridge
import PixelCore

/// Decodes frames, one per call, into buffers it is handed. Not thread-safe: one caller at a time.
public protocol FrameReader: AnyObject {
    /// The path, URL or device it reads.
    var name: String { get }
    /// What it has counted so far.
    var counters: SourceCounters { get }
    /// True for sources that run in real time on their own (cameras, streams).
    var isLive: Bool { get }
    /// Decodes the next frame into `buffer` (reshaping it) and returns its metadata; nil at the end.
    func read(into buffer: PixelBuffer) throws(FrameSourceError) -> FrameInfo?
    /// The footage from media time `from` through `through` in its own encoding, from the packets
    /// kept (`SourceOptions.clipSeconds`); nil where none are kept. Safe from any thread.
    func clip(from: Double, through: Double) -> VideoClip?
}

extension FrameReader {
    /// No clips: the reader keeps no encoded packets.
    public func clip(from: Double, through: Double) -> VideoClip? { nil }
}

/// Hands out frames one at a time. The frame's buffer stays valid until the next call.
public protocol FrameSource: AnyObject {
    /// The path, URL or device it reads.
    var name: String { get }
    /// What it has counted so far.
    var counters: SourceCounters { get }
    /// The next frame, or nil at the end of the footage.
    func next() throws(FrameSourceError) -> Frame?
    /// Stops any reader thread; `next` returns nil afterwards.
    func close()
    /// The footage from media time `from` through `through` in its own encoding; nil where the
    /// source keeps none. Safe from any thread.
    func clip(from: Double, through: Double) -> VideoClip?
}

extension FrameSource {
    /// No clips.
    public func clip(from: Double, through: Double) -> VideoClip? { nil }
}
