import Events

/// Where one SSE stream stands: every event with a seq up to `position` has been sent or did not
/// match the stream's filters. A plain state machine, so the catch-up/live handover can be
/// tested without I/O.
struct EventStreamCursor: Sendable, Hashable {
    /// What to do with an event heard live.
    enum Decision: Sendable, Hashable {
        /// Already sent (catch-up got it first) or filtered out: send nothing.
        case skip
        /// The next event: send it.
        case send
        /// Events between `position` and this one are missing (the live buffer overflowed):
        /// read them from the store first, then decide again.
        case fillGap
    }

    private(set) var position: Int64
    let query: EventsQuery

    init(query: EventsQuery) {
        self.query = query
        position = query.since
    }

    /// Decides about an event from the live stream, and moves past it unless a gap comes first.
    mutating func live(_ event: StoredEvent) -> Decision {
        if event.seq <= position { return .skip }
        if event.seq > position + 1 { return .fillGap }
        position = event.seq
        return query.matches(event) ? .send : .skip
    }

    /// Records an event sent from the store.
    mutating func sent(_ event: StoredEvent) {
        position = max(position, event.seq)
    }

    /// Records that the store holds nothing more to send up to `seq`: the store was read to its
    /// end after `seq` was known to be committed, or the gap before a live event was filled.
    mutating func scanned(through seq: Int64) {
        position = max(position, seq)
    }
}
