import CVBridge
import Foundation
import PixelCore

/// Replays a reader frame by frame, as fast as the pipeline takes them or at the footage's own
/// pace. It never drops: a slow pipeline slows the replay down (backpressure).
public final class PacedSource: FrameSource {
    private let reader: FrameReader
    private let buffer = PixelBuffer()
    private var closed = false

    /// Wraps `reader`; with `realtime` each frame is held back until its media time has passed.
    public init(reader: FrameReader, realtime: Bool) {
        self.reader = realtime ? PacedReader(reader) : reader
    }

    public var name: String { reader.name }
    public var counters: SourceCounters { reader.counters }

    public func next() throws(FrameSourceError) -> Frame? {
        guard !closed, let info = try reader.read(into: buffer) else { return nil }
        return Frame(info: info, buffer: buffer)
    }

    public func close() { closed = true }

    public func clip(from: Double, through: Double) -> VideoClip? { reader.clip(from: from, through: through) }
}
