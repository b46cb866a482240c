import Foundation
import GRDB

/// Retention: the oldest events go first, by age and by the size of the database and snapshots.
extension SQLiteEventStore {
    /// Removes the oldest events beyond the retention policy.
    @discardableResult
    public func applyRetention(now: Date) async throws(EventStoreError) -> RetentionResult {
        var result = RetentionResult(deletedEvents: 0, deletedSnapshots: 0)
        if let maxAge = options.retention.maxAge {
            let cutoff = EventTime.milliseconds(now) - Int64(maxAge / .milliseconds(1))
            // Oldest first, by seq: everything before the first event that is young enough.
            let firstKept = try await reading { db in
                try Int64.fetchOne(db, sql: "SELECT seq FROM events WHERE time_ms >= ? ORDER BY seq LIMIT 1", arguments: [cutoff])
            }
            let through: Int64 = if let firstKept { firstKept - 1 } else { try await lastSequence }
            try await deleteOldest(through: through, into: &result)
        }
        if let maxBytes = options.retention.maxTotalBytes {
            // Page accounting is coarse (a page frees only when empty), so measure again after
            // each cut until the store fits or is empty.
            for _ in 0..<64 {
                let (used, count, first) = try await reading { db in
                    let bounds = try SequenceBounds(db)
                    return (try SQLiteSchema.usedDatabaseBytes(db) + SQLiteSchema.snapshotBytes(db), bounds.count, bounds.first)
                }
                guard used > maxBytes, count > 0, let first else { break }
                let excess = used - maxBytes
                let through = try await reading { db -> Int64 in
                    let rowBytes = try SQLiteSchema.usedDatabaseBytes(db) / Int64(max(count, 1))
                    var covered: Int64 = 0
                    var last = first
                    let rows = try Row.fetchCursor(db, sql: "SELECT seq, snapshot_bytes FROM events ORDER BY seq")
                    while covered < excess, let row = try rows.next() {
                        last = row[0]
                        covered += rowBytes + (row[1] as Int64)
                    }
                    return last
                }
                try await deleteOldest(through: through, into: &result)
            }
        }
        if result.deletedEvents > 0 {
            logger.info(
                "event retention",
                metadata: ["deleted_events": "\(result.deletedEvents)", "deleted_snapshots": "\(result.deletedSnapshots)"])
        }
        return result
    }

    /// Deletes events with `seq <= through` in transactions of bounded size (so appends are not
    /// held up for long), removing their snapshot files after each commit, then gives the freed
    /// pages back to the file system.
    private func deleteOldest(through: Int64, into result: inout RetentionResult) async throws(EventStoreError) {
        var deleted = 0
        while true {
            let (count, paths) = try await writing { db -> (Int, [String]) in
                let rows = try Row.fetchAll(
                    db, sql: "SELECT seq, snapshot, snapshot_bytes, crops FROM events WHERE seq <= ? ORDER BY seq LIMIT 5000",
                    arguments: [through])
                guard let lastRow = rows.last else { return (0, []) }
                let lastSeq: Int64 = lastRow[0]
                let bytes = rows.reduce(Int64(0)) { $0 + ($1[2] as Int64) }
                try db.execute(sql: "DELETE FROM events WHERE seq <= ?", arguments: [lastSeq])
                try db.execute(sql: "UPDATE meta SET value = value - ? WHERE key = 'snapshot_bytes'", arguments: [bytes])
                let files = rows.flatMap { row in
                    [row[1] as String?].compactMap { $0 } + ((row[3] as String?)?.split(separator: "\n").map(String.init) ?? [])
                }
                return (rows.count, files)
            }
            guard count > 0 else { break }
            // After the commit: a crash before this line leaves files below the first seq, which
            // the next open removes.
            result.deletedSnapshots += snapshots.remove(paths)
            result.deletedEvents += count
            deleted += count
        }
        guard deleted > 0 else { return }
        do {
            try await pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA incremental_vacuum")
                _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        } catch {
            throw Self.storeError(error, path: path)
        }
    }
}
