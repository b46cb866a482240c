import Foundation
import GRDB
import Logging
import Metrics
import Synchronization

/// The durable event store: one SQLite file (WAL mode, through GRDB) and a `snapshots` folder
/// beside it.
///
/// Writes are serialised by GRDB's single writer connection; reads (the feed) run on reader
/// connections at the same time. Opening the store removes snapshot files left by appends that
/// never committed (a crash between writing the file and the commit).
public final class SQLiteEventStore: EventStore {
    /// SQLite's `synchronous` setting for the WAL.
    public enum Synchronous: String, Sendable, Hashable, CaseIterable {
        /// fsync the WAL at every commit: a committed event survives a power cut.
        case full = "FULL"
        /// fsync only at checkpoints: survives a crash or SIGKILL, but a power cut can take back
        /// the last commits, and their seqs would then be handed out again to other events.
        case normal = "NORMAL"
    }

    /// How the store is opened.
    public struct Options: Sendable, Hashable {
        /// Durability of commits. The default, `.full`, is the one that keeps the feed's promise
        /// on an edge box that can lose power: a seq a poller or sink has seen is never taken back
        /// and handed to another event. SIGKILL alone would need only `.normal` (the WAL is in the
        /// OS's page cache), but a power cut takes back NORMAL's unsynced commits. FULL costs one
        /// WAL fsync per transaction, and snapshot files are fsynced before the commit too; the
        /// event queue's batching amortises that. Measured with scripts/benchmarks/bench-events (2 shared
        /// cores, fsync 0.4 ms): 10,000 to 31,000 events/s for batches of 10 to 1000 in either mode;
        /// with a snapshot on every third event FULL gives 2,000 to 2,700 events/s at batches of
        /// 100 to 1000, far above a gate's tens of events per second. `.normal` is for boxes with a
        /// UPS, or tests.
        public var synchronous: Synchronous
        /// How long and how much to keep.
        public var retention: RetentionPolicy

        /// Creates options.
        public init(synchronous: Synchronous = .full, retention: RetentionPolicy = .keepAll) {
            self.synchronous = synchronous
            self.retention = retention
        }
    }

    /// The database file.
    public let path: String
    /// The folder holding the database file and the `snapshots` folder.
    public let folder: URL
    /// The options the store was opened with.
    public let options: Options

    let pool: DatabasePool
    let snapshots: SnapshotFiles
    let logger: Logger
    private let appendTimer: Metrics.Timer
    private let appendedEvents: Counter

    /// Opens (or creates) the store at `path`, migrating its schema and removing orphan snapshots.
    /// The folder is created if missing.
    public init(
        path: String, options: Options = Options(), logger: Logger,
        metricsFactory: any MetricsFactory = NOOPMetricsHandler.instance
    ) throws(EventStoreError) {
        let url = URL(fileURLWithPath: path)
        self.path = url.path
        self.folder = url.deletingLastPathComponent()
        self.options = options
        self.logger = logger
        self.snapshots = SnapshotFiles(root: folder)
        self.appendTimer = Metrics.Timer(label: "portsight_event_store_append_seconds", factory: metricsFactory)
        self.appendedEvents = Counter(label: "portsight_event_store_appended_events_total", factory: metricsFactory)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotOpen(path: folder.path, detail: "cannot create the folder: \(error.localizedDescription)")
        }

        var configuration = Configuration()
        configuration.label = "events"
        // Another process (sqlite3 for a look at the data) may hold a lock for a moment.
        configuration.busyMode = .timeout(5)
        let synchronous = options.synchronous.rawValue
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
        }
        do {
            pool = try DatabasePool(path: self.path, configuration: configuration)
            try pool.barrierWriteWithoutTransaction { db in
                // Incremental auto-vacuum lets retention give space back to the file system. It
                // can only be switched on before the first table exists, hence the VACUUM here.
                if try !db.tableExists("events") {
                    try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
                    try db.execute(sql: "VACUUM")
                }
            }
            try SQLiteSchema.migrator.migrate(pool)
        } catch {
            throw Self.storeError(error, path: self.path)
        }
        let bounds = try Self.mapping(path: self.path) {
            try pool.read { db in try SequenceBounds(db) }
        }
        let removed = removeOrphanSnapshots(bounds)
        logger.info(
            "event store open",
            metadata: [
                "path": "\(self.path)", "last_seq": "\(bounds.last)", "synchronous": "\(synchronous)",
                "orphan_snapshots_removed": "\(removed)",
            ])
    }

    // MARK: - Append

    /// Stores the batch in one transaction (see `EventStore.append(_:)`).
    public func append(_ events: [NewEvent]) async throws(EventStoreError) -> [StoredEvent] {
        guard !events.isEmpty else { return [] }
        for event in events { try event.validate() }
        let start = ContinuousClock.now
        let written = WrittenFiles()
        let snapshots = self.snapshots
        let sync = options.synchronous == .full
        do {
            let stored = try await pool.write { db -> [StoredEvent] in
                let encoder = EventJSON.makeEncoder()
                let insert = try db.cachedStatement(sql: """
                    INSERT INTO events (seq, id, type, camera, time_ms, snapshot, snapshot_bytes, json, crops)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                var seq = try SQLiteSchema.lastSequence(db)
                var snapshotBytes: Int64 = 0
                var stored: [StoredEvent] = []
                stored.reserveCapacity(events.count)
                for event in events {
                    seq += 1
                    var eventBytes: Int64 = 0
                    // The seq is known only inside the transaction: each file is written now, before
                    // the commit, so that no committed event lacks its snapshot, crops or clip.
                    func keep(_ bytes: Data, at relative: String) throws -> String {
                        written.add(relative)
                        try snapshots.write(bytes, to: relative, sync: sync)
                        eventBytes += Int64(bytes.count)
                        return relative
                    }
                    let snapshotPath = try event.snapshotJPEG.map { try keep($0, at: SnapshotFiles.relativePath(camera: event.camera, seq: seq)) }
                    var crops: [String: String] = [:]
                    for crop in event.crops {
                        crops[crop.name] = try keep(crop.jpeg, at: SnapshotFiles.relativePath(camera: event.camera, seq: seq, crop: crop.name))
                    }
                    let clipPath = try event.clipMP4.map { try keep($0, at: SnapshotFiles.clipPath(camera: event.camera, seq: seq)) }
                    snapshotBytes += eventBytes
                    let record = StoredEvent(seq: seq, snapshot: snapshotPath, crops: crops, clip: clipPath, event: event)
                    let extraFiles = crops.values.sorted() + [clipPath].compactMap { $0 }
                    try insert.execute(arguments: [
                        seq, record.id, record.type.rawValue, record.camera, EventTime.milliseconds(record.time),
                        snapshotPath, eventBytes, record.jsonLine(using: encoder),
                        extraFiles.isEmpty ? nil : extraFiles.joined(separator: "\n"),
                    ])
                    stored.append(record)
                }
                if sync { snapshots.syncFolders(of: written.paths) }
                if snapshotBytes > 0 {
                    try db.execute(sql: "UPDATE meta SET value = value + ? WHERE key = 'snapshot_bytes'", arguments: [snapshotBytes])
                }
                return stored
            }
            appendTimer.record(duration: ContinuousClock.now - start)
            appendedEvents.increment(by: stored.count)
            return stored
        } catch {
            // Rolled back: the files of this batch belong to no event.
            snapshots.remove(written.paths)
            let mapped = Self.storeError(error, path: path)
            logger.error("event store append failed", metadata: ["events": "\(events.count)", "error": "\(mapped)"])
            throw mapped
        }
    }

    // MARK: - Reads

    /// One page of the feed (see `EventStore.events(since:limit:camera:type:)`).
    public func events(since: Int64, limit: Int, camera: String?, type: EventType?) async throws(EventStoreError) -> EventPage {
        let page = try await eventLines(since: since, limit: limit, camera: camera, type: type)
        let events = try decode(page.lines)
        return EventPage(events: events, next: page.next)
    }

    /// One page as the stored JSON lines, with no decoding: what the feed serves.
    public func eventLines(since: Int64, limit: Int, camera: String?, type: EventType?) async throws(EventStoreError) -> EventLinesPage {
        guard limit > 0 else { return EventLinesPage(lines: [], next: since) }
        var sql = "SELECT seq, json FROM events WHERE seq > ?"
        var arguments: StatementArguments = [since]
        if let camera {
            sql += " AND camera = ?"
            arguments += [camera]
        }
        if let type {
            sql += " AND type = ?"
            arguments += [type.rawValue]
        }
        sql += " ORDER BY seq LIMIT ?"
        arguments += [limit]
        let query = sql, values = arguments
        let rows = try await reading { db in
            try Row.fetchAll(db, sql: query, arguments: values).map { StoredLine(seq: $0[0], json: $0[1]) }
        }
        return EventLinesPage(lines: rows.map(\.json), next: rows.last?.seq ?? since)
    }

    /// The event with this seq, if stored.
    public func event(seq: Int64) async throws(EventStoreError) -> StoredEvent? {
        let line = try await reading { db in try String.fetchOne(db, sql: "SELECT json FROM events WHERE seq = ?", arguments: [seq]) }
        guard let line else { return nil }
        return try decode([line]).first
    }

    /// The highest seq ever committed; retention does not lower it.
    public var lastSequence: Int64 {
        get async throws(EventStoreError) {
            try await reading { db in try SQLiteSchema.lastSequence(db) }
        }
    }

    // MARK: - Sink cursors

    /// A sink's durable cursor; 0 when it has none.
    public func cursor(forSink sink: String) async throws(EventStoreError) -> Int64 {
        try await reading { db in
            try Int64.fetchOne(db, sql: "SELECT seq FROM sink_cursors WHERE sink = ?", arguments: [sink]) ?? 0
        }
    }

    /// Moves a sink's cursor forward; a lower seq is ignored.
    @discardableResult
    public func setCursor(_ seq: Int64, forSink sink: String) async throws(EventStoreError) -> Int64 {
        // max() in the upsert: a late or repeated acknowledgement must not move the cursor back.
        try await setCursor(seq, forSink: sink, deadLetters: [])
    }

    /// Moves a sink's cursor forward and records its dead letters, in one transaction.
    @discardableResult
    public func setCursor(_ seq: Int64, forSink sink: String, deadLetters: [DeadLetter]) async throws(EventStoreError) -> Int64 {
        try await writing { db in
            for letter in deadLetters {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO sink_dead_letters (sink, seq, reason, time_ms) VALUES (?, ?, ?, ?)",
                    arguments: [sink, letter.seq, letter.reason, Int64((letter.time.timeIntervalSince1970 * 1000).rounded())])
            }
            try db.execute(
                sql: """
                    INSERT INTO sink_cursors (sink, seq) VALUES (?, ?)
                    ON CONFLICT (sink) DO UPDATE SET seq = max(seq, excluded.seq)
                    """,
                arguments: [sink, seq])
            return try Int64.fetchOne(db, sql: "SELECT seq FROM sink_cursors WHERE sink = ?", arguments: [sink]) ?? seq
        }
    }

    /// How many events a sink has given up on.
    public func deadLetterCount(forSink sink: String) async throws(EventStoreError) -> Int {
        try await reading { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sink_dead_letters WHERE sink = ?", arguments: [sink]) ?? 0
        }
    }

    // MARK: - Statistics

    /// Last seq, event count, size and free space.
    public func statistics() async throws(EventStoreError) -> EventStoreStatistics {
        let (bounds, snapshotBytes) = try await reading { db in
            (try SequenceBounds(db), try SQLiteSchema.snapshotBytes(db))
        }
        let files = [path, path + "-wal", path + "-shm"].reduce(Int64(0)) { $0 + Self.fileSize($1) }
        let free = (try? FileManager.default.attributesOfFileSystem(forPath: folder.path)[.systemFreeSize] as? NSNumber)?.int64Value
        return EventStoreStatistics(
            lastSequence: bounds.last, eventCount: bounds.count, sizeOnDiskBytes: files + snapshotBytes, freeDiskBytes: free)
    }

    // MARK: - Helpers

    /// Removes snapshot files whose seq was never committed (above the last seq) or whose event
    /// retention already deleted (below the first stored seq).
    private func removeOrphanSnapshots(_ bounds: SequenceBounds) -> Int {
        let keepFrom = bounds.first ?? bounds.last + 1
        let orphans = snapshots.allFiles().filter { $0.seq > bounds.last || $0.seq < keepFrom }
        return snapshots.remove(orphans.map(\.relativePath))
    }

    private func decode(_ lines: [String]) throws(EventStoreError) -> [StoredEvent] {
        let decoder = EventJSON.makeDecoder()
        do {
            return try lines.map { try decoder.decode(StoredEvent.self, from: Data($0.utf8)) }
        } catch {
            throw .corrupt(path: path, detail: "a stored event does not decode: \(error)")
        }
    }

    func reading<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(EventStoreError) -> T {
        do { return try await pool.read(body) } catch { throw Self.storeError(error, path: path) }
    }

    func writing<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(EventStoreError) -> T {
        do { return try await pool.write(body) } catch { throw Self.storeError(error, path: path) }
    }

    private static func mapping<T>(path: String, _ body: () throws -> T) throws(EventStoreError) -> T {
        do { return try body() } catch { throw storeError(error, path: path) }
    }

    private static func fileSize(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.int64Value ?? 0
    }
}

/// The snapshot files an append has written so far, to remove them if the transaction fails.
private final class WrittenFiles: Sendable {
    private let list = Mutex<[String]>([])

    func add(_ path: String) { list.withLock { $0.append(path) } }
    var paths: [String] { list.withLock { $0 } }
}

/// One row of a page read: the event's seq and its JSON line.
private struct StoredLine: Sendable {
    var seq: Int64
    var json: String
}
