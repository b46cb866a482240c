import GRDB

/// The event database's schema, as GRDB migrations (each runs once, in order, in a transaction).
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: events, sink cursors, meta") { db in
            // AUTOINCREMENT keeps the highest seq ever used in sqlite_sequence, so a seq is never
            // handed out twice, even after retention has deleted every row.
            try db.execute(sql: """
                CREATE TABLE events (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL,
                    type TEXT NOT NULL,
                    camera TEXT NOT NULL,
                    time_ms INTEGER NOT NULL,
                    snapshot TEXT,
                    snapshot_bytes INTEGER NOT NULL DEFAULT 0,
                    json TEXT NOT NULL
                );
                -- The feed's filtered queries: `camera = ? AND seq > ? ORDER BY seq`, same for type.
                CREATE INDEX events_by_camera ON events(camera, seq);
                CREATE INDEX events_by_type ON events(type, seq);
                CREATE TABLE sink_cursors (sink TEXT PRIMARY KEY NOT NULL, seq INTEGER NOT NULL) WITHOUT ROWID;
                -- Running totals, so that statistics need no scan of the events.
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL) WITHOUT ROWID;
                INSERT INTO meta (key, value) VALUES ('snapshot_bytes', 0);
                """)
        }
        migrator.registerMigration("v2: sink dead letters") { db in
            // Events a receiver refused for good (a webhook's 4xx): kept so an operator can find them.
            try db.execute(sql: """
                CREATE TABLE sink_dead_letters (
                    sink TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    reason TEXT NOT NULL,
                    time_ms INTEGER NOT NULL,
                    PRIMARY KEY (sink, seq)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v3: crops") { db in
            // The paths of an event's crops and clip, one per line, so retention removes them with it.
            try db.execute(sql: "ALTER TABLE events ADD COLUMN crops TEXT")
        }
        return migrator
    }

    /// The highest seq ever committed (0 before the first), from AUTOINCREMENT's bookkeeping.
    static func lastSequence(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'events'") ?? 0
    }

    /// The lowest seq still stored, or nil when the store is empty.
    static func firstSequence(_ db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT MIN(seq) FROM events")
    }

    /// Bytes the snapshots of the stored events take.
    static func snapshotBytes(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'snapshot_bytes'") ?? 0
    }

    /// Bytes of the database file in use (pages not on the free list).
    static func usedDatabaseBytes(_ db: Database) throws -> Int64 {
        let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
        let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
        let free = try Int64.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
        return (pages - free) * pageSize
    }
}

/// The first and last seq of the store, read together.
struct SequenceBounds: Sendable {
    /// The lowest stored seq, nil when empty.
    var first: Int64?
    /// The highest seq ever committed.
    var last: Int64

    init(_ db: Database) throws {
        first = try SQLiteSchema.firstSequence(db)
        last = try SQLiteSchema.lastSequence(db)
    }

    /// Retention only ever removes the oldest events, so the stored seqs are first...last
    /// without holes and the count needs no scan.
    var count: Int {
        guard let first else { return 0 }
        return Int(last - first + 1)
    }
}
