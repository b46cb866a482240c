import Detection
import FrameSources
import PixelCore

/// The frames a camera keeps while the shared detector works: the frame detections were asked
/// for, and the frames after it, which the tracker must see in order. A source's buffer is
/// valid only until its next frame, so each held frame is a copy, in a buffer reused from a pool
/// of `capacity`.
struct HeldFrames {
    /// A frame waiting for its turn at the tracker.
    struct Entry {
        /// The frame, in a pooled buffer.
        var frame: Frame
        /// Its motion regions.
        var motion: [Rect]
        /// The detector's ticket, when detections were asked for on this frame.
        var ticket: Int?
        /// How many regions the detector runs on.
        var regions: Int
    }

    /// How many frames may be held; the camera waits for the oldest when it holds that many.
    let capacity: Int
    private(set) var entries: [Entry] = []
    private var spare: [PixelBuffer] = []

    init(capacity: Int) {
        precondition(capacity >= 1, "capacity must be at least 1")
        self.capacity = capacity
        entries.reserveCapacity(capacity)
    }

    var isEmpty: Bool { entries.isEmpty }
    var isFull: Bool { entries.count >= capacity }

    /// A copy of `frame` in a pooled buffer, for `hold` (the detector reads it meanwhile). A
    /// buffer takes the frame's shape, growing only when it is too small.
    mutating func copy(_ frame: Frame) -> Frame {
        let copy = spare.popLast() ?? PixelBuffer()
        copy.copy(from: frame.image)
        return Frame(info: frame.info, buffer: copy)
    }

    /// Adds a copied frame at the back.
    mutating func hold(_ entry: Entry) {
        entries.append(entry)
    }

    /// Takes the oldest frame out; its buffer goes back to the pool when the caller is done with it.
    mutating func removeFirst() -> Entry {
        entries.removeFirst()
    }

    /// Gives a held frame's buffer back for reuse.
    mutating func release(_ entry: Entry) {
        if spare.count < capacity { spare.append(entry.frame.buffer) }
    }
}
