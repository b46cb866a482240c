import Detection
import FrameSources
import PixelCore

/// The frames a pipeline holds while the shared detector works: the frame detections were asked
/// for, and the frames after it, which the tracker must see in order, each with its own frame's
/// detections. A source's buffer is valid only until its next frame, so each held frame is a
/// copy, in a buffer reused from a pool. Each frame carries a `Tag` of the caller's, such as its
/// stage times.
public struct PendingDetections<Tag> {
    /// A frame whose detections are back (or that had none asked for), for the tracker.
    public struct Ready {
        /// The frame, in a pooled buffer: valid until `release`.
        public var frame: Frame
        /// Its motion regions.
        public var motion: [Rect]
        /// The regions the detector ran on (empty when it did not run).
        public var regions: [PlannedRegion]
        /// What came back; nil when no detections were asked for on this frame.
        public var result: DetectionResult?
        /// The caller's tag.
        public var tag: Tag

        /// True when the detector ran on the frame and did not fail (a dropped or failed job
        /// gives the tracker nothing, as a frame the rate cap skipped).
        public var detectorRan: Bool { result.map { $0.failure == nil } ?? false }
        /// What the detector found.
        public var detections: [Detection] { result?.detections ?? [] }
    }

    private struct Entry {
        var frame: Frame
        var motion: [Rect]
        var regions: [PlannedRegion]
        var ticket: Int?
        var tag: Tag
    }

    private let client: DetectionClient
    private var entries: [Entry] = []
    private var spare: [PixelBuffer] = []
    /// How many frames may be held: as many as the service lets a camera have out, so none is
    /// dropped for that.
    public let capacity: Int

    /// Frames held for `client`'s detections.
    public init(client: DetectionClient) {
        self.client = client
        capacity = max(1, client.maxWaiting)
        entries.reserveCapacity(capacity)
    }

    /// True when no frame is held.
    public var isEmpty: Bool { entries.isEmpty }
    /// True when the next frame can be held only after the oldest is taken.
    public var isFull: Bool { entries.count >= capacity }

    /// Holds a copy of `frame` and, when `regions` is not empty, asks for its detections. A
    /// `live` camera's job is dropped when it waited too long. Not when `isFull`.
    public mutating func add(_ frame: Frame, motion: [Rect], regions: [PlannedRegion], live: Bool, tag: Tag) {
        precondition(!isFull, "take a held frame before adding one")
        // A pooled buffer takes the frame's shape, growing only when it is too small.
        let copy = spare.popLast() ?? PixelBuffer()
        copy.copy(from: frame.image)
        let ticket = regions.isEmpty ? nil : client.submit(image: copy, regions: regions, live: live)
        entries.append(Entry(frame: Frame(info: frame.info, buffer: copy), motion: motion, regions: regions, ticket: ticket, tag: tag))
    }

    /// The oldest held frame when its detections are back, or with `wait` once they are; nil
    /// when no frame is held or the oldest is still out.
    public mutating func next(wait: Bool = false) -> Ready? {
        guard let first = entries.first else { return nil }
        var result: DetectionResult?
        if let ticket = first.ticket {
            result = wait ? client.wait(ticket) : client.result(ticket)
            guard result != nil else { return nil }
        }
        entries.removeFirst()
        let ran = result.map { $0.failure == nil } ?? false
        return Ready(frame: first.frame, motion: first.motion, regions: ran ? first.regions : [], result: result, tag: first.tag)
    }

    /// Gives a taken frame's buffer back for reuse, once the caller is done with its pixels.
    public mutating func release(_ ready: Ready) {
        if spare.count < capacity { spare.append(ready.frame.buffer) }
    }
}
