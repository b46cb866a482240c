import Synchronization

/// The event streams the feed may have open at once (`FeedConfiguration.maxStreams`).
final class StreamSlots: Sendable {
    /// One stream's place: given back when the stream's answer is let go, however it ended
    /// (finished, the client gone, or never started).
    final class Slot: Sendable {
        private let slots: StreamSlots
        fileprivate init(_ slots: StreamSlots) { self.slots = slots }
        deinit { slots.open.withLock { $0 -= 1 } }
    }

    let limit: Int
    private let open = Mutex(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// A place for one more stream, or nil when `limit` are open.
    func take() -> Slot? {
        let taken = open.withLock { open in
            guard open < limit else { return false }
            open += 1
            return true
        }
        return taken ? Slot(self) : nil
    }
}
