import Foundation

/// The event store's twin in memory, for unit tests: the same semantics as `SQLiteEventStore`
/// (sequence numbers, filters, cursors that never move back, retention oldest first, seqs never
/// reused), without a disk. Snapshot bytes are kept in memory under the same relative paths.
public actor InMemoryEventStore: EventStore {
    private var stored: [StoredEvent] = []
    private var snapshotData: [Int64: Data] = [:]
    private var cropData: [String: Data] = [:]
    private var sizes: [Int64: Int64] = [:]
    private var highestSequence: Int64 = 0
    private var cursors: [String: Int64] = [:]
    private var deadLetters: [String: [Int64: DeadLetter]] = [:]
    private let retention: RetentionPolicy

    /// Creates an empty store with a retention policy.
    public init(retention: RetentionPolicy = .keepAll) {
        self.retention = retention
    }

    /// Stores the batch in one transaction (see `EventStore.append(_:)`).
    public func append(_ events: [NewEvent]) throws(EventStoreError) -> [StoredEvent] {
        for event in events { try event.validate() }
        let encoder = EventJSON.makeEncoder()
        var batch: [StoredEvent] = []
        for (offset, event) in events.enumerated() {
            let seq = highestSequence + Int64(offset) + 1
            let snapshot = event.snapshotJPEG.map { _ in SnapshotFiles.relativePath(camera: event.camera, seq: seq) }
            let crops = Dictionary(uniqueKeysWithValues: event.crops.map {
                ($0.name, SnapshotFiles.relativePath(camera: event.camera, seq: seq, crop: $0.name))
            })
            let clip = event.clipMP4.map { _ in SnapshotFiles.clipPath(camera: event.camera, seq: seq) }
            batch.append(StoredEvent(seq: seq, snapshot: snapshot, crops: crops, clip: clip, event: event))
        }
        // All or nothing, like the SQLite transaction.
        for (record, event) in zip(batch, events) {
            if let jpeg = event.snapshotJPEG { snapshotData[record.seq] = jpeg }
            for crop in event.crops { cropData[record.crops[crop.name]!] = crop.jpeg }
            if let clip = record.clip { cropData[clip] = event.clipMP4 }
            sizes[record.seq] = Int64(record.jsonLine(using: encoder).utf8.count + (event.snapshotJPEG?.count ?? 0)
                                      + event.crops.reduce(0) { $0 + $1.jpeg.count } + (event.clipMP4?.count ?? 0))
        }
        stored += batch
        highestSequence += Int64(batch.count)
        return batch
    }

    /// One page of the feed (see `EventStore.events(since:limit:camera:type:)`).
    public func events(since: Int64, limit: Int, camera: String?, type: EventType?) -> EventPage {
        guard limit > 0 else { return EventPage(events: [], next: since) }
        var page: [StoredEvent] = []
        for event in stored[firstIndex(after: since)...] {
            if let camera, event.camera != camera { continue }
            if let type, event.type != type { continue }
            page.append(event)
            if page.count == limit { break }
        }
        return EventPage(events: page, next: page.last?.seq ?? since)
    }

    /// The event with this seq, if stored.
    public func event(seq: Int64) -> StoredEvent? {
        let index = firstIndex(after: seq - 1)
        return index < stored.count && stored[index].seq == seq ? stored[index] : nil
    }

    /// The highest seq ever committed; retention does not lower it.
    public var lastSequence: Int64 { highestSequence }

    /// A sink's durable cursor; 0 when it has none.
    public func cursor(forSink sink: String) -> Int64 {
        cursors[sink] ?? 0
    }

    /// Moves a sink's cursor forward; a lower seq is ignored.
    @discardableResult
    public func setCursor(_ seq: Int64, forSink sink: String) -> Int64 {
        let cursor = max(cursors[sink] ?? 0, seq)
        cursors[sink] = cursor
        return cursor
    }

    /// Moves a sink's cursor forward and records its dead letters.
    @discardableResult
    public func setCursor(_ seq: Int64, forSink sink: String, deadLetters letters: [DeadLetter]) -> Int64 {
        for letter in letters { deadLetters[sink, default: [:]][letter.seq] = letter }
        return setCursor(seq, forSink: sink)
    }

    /// How many events a sink has given up on.
    public func deadLetterCount(forSink sink: String) -> Int {
        deadLetters[sink]?.count ?? 0
    }

    /// Last seq, event count, size and free space.
    public func statistics() -> EventStoreStatistics {
        EventStoreStatistics(
            lastSequence: highestSequence, eventCount: stored.count, sizeOnDiskBytes: totalBytes, freeDiskBytes: nil)
    }

    /// Removes the oldest events beyond the retention policy.
    @discardableResult
    public func applyRetention(now: Date) -> RetentionResult {
        var removeCount = 0
        if let maxAge = retention.maxAge {
            let cutoff = EventTime.milliseconds(now) - Int64(maxAge / .milliseconds(1))
            removeCount = stored.firstIndex { EventTime.milliseconds($0.time) >= cutoff } ?? stored.count
        }
        if let maxBytes = retention.maxTotalBytes {
            var total = totalBytes - stored[..<removeCount].reduce(0) { $0 + (sizes[$1.seq] ?? 0) }
            while total > maxBytes, removeCount < stored.count {
                total -= sizes[stored[removeCount].seq] ?? 0
                removeCount += 1
            }
        }
        let removed = stored[..<removeCount]
        let snapshots = removed.filter { snapshotData.removeValue(forKey: $0.seq) != nil }.count
        for event in removed {
            sizes[event.seq] = nil
            for path in event.crops.values + [event.clip].compactMap({ $0 }) { cropData[path] = nil }
        }
        stored.removeFirst(removeCount)
        return RetentionResult(deletedEvents: removeCount, deletedSnapshots: snapshots)
    }

    /// The snapshot bytes stored under `path` (`snapshots/<camera>/<seq>.jpg`), if any.
    public func snapshot(at path: String) -> Data? {
        cropData[path] ?? stored.first { $0.snapshot == path }.flatMap { snapshotData[$0.seq] }
    }

    private var totalBytes: Int64 { sizes.values.reduce(0, +) }

    /// The index of the first stored event with a seq above `seq` (binary search: seqs ascend).
    private func firstIndex(after seq: Int64) -> Int {
        var low = 0, high = stored.count
        while low < high {
            let middle = (low + high) / 2
            if stored[middle].seq <= seq { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
