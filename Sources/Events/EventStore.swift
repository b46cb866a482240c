import Foundation

/// The durable, sequenced home of events. The feed, SSE and the sinks read from it by sequence
/// number; the event queue's single writer appends to it.
///
/// Errors are `EventStoreError`s.
public protocol EventStore: Sendable {
    /// Stores `events` in one transaction and returns them with their sequence numbers, which
    /// follow the last stored one without gaps. Returns only after the transaction is committed,
    /// so a caller may tell others about the events at once. Stores nothing if it throws.
    func append(_ events: [NewEvent]) async throws(EventStoreError) -> [StoredEvent]

    /// Up to `limit` events with `seq > since`, in sequence order, optionally only of one camera
    /// and one type. The page's `next` is the last seq returned, or `since` when there is none.
    func events(since: Int64, limit: Int, camera: String?, type: EventType?) async throws(EventStoreError) -> EventPage

    /// `events(since:limit:camera:type:)` as the events' JSON lines (`StoredEvent.jsonLine`), for
    /// readers that only pass them on: a store that keeps the lines serves them without decoding.
    func eventLines(since: Int64, limit: Int, camera: String?, type: EventType?) async throws(EventStoreError) -> EventLinesPage

    /// The event with sequence number `seq`, or nil when there is none (never stored, or removed
    /// by retention).
    func event(seq: Int64) async throws(EventStoreError) -> StoredEvent?

    /// The highest sequence number ever committed; 0 before the first event. Retention does not
    /// lower it.
    var lastSequence: Int64 { get async throws(EventStoreError) }

    /// The durable cursor of a delivery sink (MQTT, a webhook): the last seq it delivered; 0 when
    /// it has none yet.
    func cursor(forSink sink: String) async throws(EventStoreError) -> Int64

    /// Moves a sink's cursor forward to `seq`. A cursor never moves backwards: a lower `seq` is
    /// ignored. Returns the cursor as stored.
    @discardableResult
    func setCursor(_ seq: Int64, forSink sink: String) async throws(EventStoreError) -> Int64

    /// Moves a sink's cursor forward to `seq` and records the events it gave up on, in one
    /// transaction, so that a restart neither resends a dead letter nor loses one. Returns the
    /// cursor as stored.
    @discardableResult
    func setCursor(_ seq: Int64, forSink sink: String, deadLetters: [DeadLetter]) async throws(EventStoreError) -> Int64

    /// How many events a sink has given up on, ever.
    func deadLetterCount(forSink sink: String) async throws(EventStoreError) -> Int

    /// Figures for `/status` and `/metrics`.
    func statistics() async throws(EventStoreError) -> EventStoreStatistics

    /// Deletes the oldest events (and their snapshots) beyond the retention policy's age and size.
    @discardableResult
    func applyRetention(now: Date) async throws(EventStoreError) -> RetentionResult
}

extension EventStore {
    /// `events(since:limit:camera:type:)` without filters.
    public func events(since: Int64, limit: Int) async throws(EventStoreError) -> EventPage {
        try await events(since: since, limit: limit, camera: nil, type: nil)
    }
}

/// An event a sink's receiver refused for good; it is skipped and kept on record.
public struct DeadLetter: Sendable, Hashable {
    /// The event's seq.
    public var seq: Int64
    /// Why it was refused, e.g. `HTTP 422: missing field`.
    public var reason: String
    /// When it was refused.
    public var time: Date

    /// Creates a dead letter.
    public init(seq: Int64, reason: String, time: Date = Date()) {
        self.seq = seq
        self.reason = reason
        self.time = time
    }
}

extension EventStore {
    /// Encodes a page of events: for stores that keep events, not lines.
    public func eventLines(since: Int64, limit: Int, camera: String?, type: EventType?) async throws(EventStoreError) -> EventLinesPage {
        let page = try await events(since: since, limit: limit, camera: camera, type: type)
        let encoder = EventJSON.makeEncoder()
        return EventLinesPage(lines: page.events.map { $0.jsonLine(using: encoder) }, next: page.next)
    }
}

/// One page of the feed as JSON lines, one event each, in seq order.
public struct EventLinesPage: Sendable, Hashable {
    /// The events' JSON.
    public var lines: [String]
    /// The cursor for the next request: the last seq returned, or the request's `since`.
    public var next: Int64

    /// Creates a page.
    public init(lines: [String], next: Int64) {
        self.lines = lines
        self.next = next
    }
}

/// One page of the feed.
public struct EventPage: Sendable, Hashable {
    /// The events, in sequence order.
    public var events: [StoredEvent]
    /// The cursor for the next request: the last seq returned, or the request's `since`.
    public var next: Int64

    /// Creates a page.
    public init(events: [StoredEvent], next: Int64) {
        self.events = events
        self.next = next
    }
}

/// The store's figures.
public struct EventStoreStatistics: Sendable, Hashable {
    /// The highest sequence number ever committed.
    public var lastSequence: Int64
    /// How many events the store holds now.
    public var eventCount: Int
    /// Bytes used on disk: database files and snapshots (for the in-memory store, the events' size).
    public var sizeOnDiskBytes: Int64
    /// Free bytes on the file system holding the store; nil when it has none (in memory).
    public var freeDiskBytes: Int64?

    /// Creates statistics.
    public init(lastSequence: Int64, eventCount: Int, sizeOnDiskBytes: Int64, freeDiskBytes: Int64?) {
        self.lastSequence = lastSequence
        self.eventCount = eventCount
        self.sizeOnDiskBytes = sizeOnDiskBytes
        self.freeDiskBytes = freeDiskBytes
    }
}

/// How long and how much the store keeps. Retention removes the oldest events first.
public struct RetentionPolicy: Sendable, Hashable {
    /// Events older than this (by their `time`) are removed; nil keeps them regardless of age.
    public var maxAge: Duration?
    /// The most bytes the database and snapshots may take together; nil for no limit.
    public var maxTotalBytes: Int64?

    /// Creates a policy.
    public init(maxAge: Duration? = nil, maxTotalBytes: Int64? = nil) {
        self.maxAge = maxAge
        self.maxTotalBytes = maxTotalBytes
    }

    /// Keeps everything.
    public static let keepAll = RetentionPolicy()
}

/// What one retention pass removed.
public struct RetentionResult: Sendable, Hashable {
    /// Events removed.
    public var deletedEvents: Int
    /// Snapshot files removed.
    public var deletedSnapshots: Int

    /// Creates a result.
    public init(deletedEvents: Int, deletedSnapshots: Int) {
        self.deletedEvents = deletedEvents
        self.deletedSnapshots = deletedSnapshots
    }
}
