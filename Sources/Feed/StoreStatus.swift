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

    /// Creates store figures.
    public init(lastSeq: Int64 = 0, sizeBytes: Int64 = 0, freeDiskBytes: Int64? = nil) {
        self.lastSeq = lastSeq
        self.sizeBytes = sizeBytes
        self.freeDiskBytes = freeDiskBytes
    }

    /// The figures of `EventStoreStatistics`, which the daemon reads from the store on its own
    /// schedule (every few seconds) and puts on the board.
    public init(_ statistics: EventStoreStatistics) {
        self.init(
            lastSeq: statistics.lastSequence, sizeBytes: statistics.sizeOnDiskBytes, freeDiskBytes: statistics.freeDiskBytes)
    }

    enum CodingKeys: String, CodingKey {
        case lastSeq = "last_seq"
        case sizeBytes = "size_bytes"
        case freeDiskBytes = "free_disk_bytes"
    }

    /// Encodes every key, `null` included, so the shape never changes.
    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(lastSeq, forKey: .lastSeq)
        try values.encode(sizeBytes, forKey: .sizeBytes)
        try values.encode(freeDiskBytes, forKey: .freeDiskBytes)
    }
}
