import Events

/// The event store's figures, as the daemon last put them on the status board.
///
/// The daemon copies them from `EventStore.statistics()` on its own schedule, so that `/status`
/// never waits for the database.
public struct StoreStatus: Sendable, Hashable, Codable {
    /// The highest sequence number committed.
    public var lastSeq: Int64
    /// Bytes the database and snapshots take on disk.
    public var sizeBytes: Int64
    /// Free bytes on the store's file system; nil when unknown (in memory).
    public var freeDiskBytes: Int64?
    /// Events accepted and not yet committed: it grows while the store cannot write.
    public var pendingEvents: Int64
    /// Store writes that failed since the start (each was kept and retried).
    public var writeFailures: Int64
    /// Why the last write failed, while writes fail (a full disk, say); nil while they succeed.
    public var lastError: String?

    /// Creates store figures.
    public init(lastSeq: Int64 = 0, sizeBytes: Int64 = 0, freeDiskBytes: Int64? = nil, pendingEvents: Int64 = 0,
                writeFailures: Int64 = 0, lastError: String? = nil) {
        self.lastSeq = lastSeq
        self.sizeBytes = sizeBytes
        self.freeDiskBytes = freeDiskBytes
        self.pendingEvents = pendingEvents
        self.writeFailures = writeFailures
        self.lastError = lastError
    }

    /// The figures of `EventStoreStatistics`, which the daemon reads from the store on its own
    /// schedule (every few seconds) and puts on the board.
    public init(_ statistics: EventStoreStatistics) {
        self.init(
            lastSeq: statistics.lastSequence, sizeBytes: statistics.sizeOnDiskBytes, freeDiskBytes: statistics.freeDiskBytes)
    }

    /// These figures with the event queue's view of the writes: what waits, what failed and why.
    public func with(_ queue: EventQueueStatistics) -> StoreStatus {
        var status = self
        status.pendingEvents = Int64(queue.pending)
        status.writeFailures = Int64(queue.failures)
        status.lastError = queue.lastError
        return status
    }

    enum CodingKeys: String, CodingKey {
        case lastSeq = "last_seq"
        case sizeBytes = "size_bytes"
        case freeDiskBytes = "free_disk_bytes"
        case pendingEvents = "pending_events"
        case writeFailures = "write_failures"
        case lastError = "last_error"
    }

    /// Encodes every key, `null` included, so the shape never changes.
    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(lastSeq, forKey: .lastSeq)
        try values.encode(sizeBytes, forKey: .sizeBytes)
        try values.encode(freeDiskBytes, forKey: .freeDiskBytes)
        try values.encode(pendingEvents, forKey: .pendingEvents)
        try values.encode(writeFailures, forKey: .writeFailures)
        try values.encode(lastError, forKey: .lastError)
    }
}
