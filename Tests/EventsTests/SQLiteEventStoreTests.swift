import Events
import Foundation
import GRDB
import Logging
import Testing
import TestSupport
@testable import Events

/// What only the SQLite store does: files, reopening, snapshots on disk, errors.
@Suite("SQLite event store")
struct SQLiteEventStoreTests {
    let folder: URL
    let path: String

    init() throws {
        folder = try Fixtures.temporaryFolder("sqlite")
        path = folder.appendingPathComponent("events.db").path
    }

    func open(_ retention: RetentionPolicy = .keepAll, synchronous: SQLiteEventStore.Synchronous = .normal) throws(EventStoreError) -> SQLiteEventStore {
        try SQLiteEventStore(path: path, options: .init(synchronous: synchronous, retention: retention), logger: TestEvents.logger)
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(relative).path)
    }

    @Test("seqs continue without a gap after reopening")
    func reopen() async throws {
        do {
            let store = try open()
            _ = try await store.append(TestEvents.events(4))
        }
        let store = try open()
        #expect(try await store.lastSequence == 4)
        #expect(try await store.append(TestEvents.events(3, from: 4)).map(\.seq) == [5, 6, 7])
        #expect(try await store.allEvents().map(\.seq) == Array(1...7))
    }

    @Test("sink cursors persist across reopening and still never move back")
    func cursorsPersist() async throws {
        do {
            let store = try open()
            try await store.setCursor(12, forSink: "mqtt")
        }
        let store = try open()
        #expect(try await store.cursor(forSink: "mqtt") == 12)
        #expect(try await store.setCursor(4, forSink: "mqtt") == 12)
    }

    @Test("seqs are never reused after retention emptied the store and it was reopened")
    func noReuseAfterReopen() async throws {
        do {
            let store = try open(RetentionPolicy(maxAge: .seconds(1)))
            _ = try await store.append(TestEvents.events(3))
            #expect(try await store.applyRetention(now: TestEvents.baseTime.addingTimeInterval(3600)).deletedEvents == 3)
        }
        let store = try open()
        #expect(try await store.append(TestEvents.events(1)).map(\.seq) == [4])
    }

    @Test("the database is in WAL mode with the chosen synchronous setting", arguments: SQLiteEventStore.Synchronous.allCases)
    func pragmas(synchronous: SQLiteEventStore.Synchronous) async throws {
        let store = try open(synchronous: synchronous)
        _ = try await store.append(TestEvents.events(1))
        let queue = try DatabaseQueue(path: path)
        let mode = try await queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let autoVacuum = try await queue.read { db in try Int.fetchOne(db, sql: "PRAGMA auto_vacuum") }
        #expect(autoVacuum == 2)
        let indexes = try await queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'") }
        #expect(Set(indexes).isSuperset(of: ["events_by_camera", "events_by_type"]))
    }

    @Test("snapshots are written beside the database and removed with their events by retention")
    func snapshotFiles() async throws {
        let store = try open(RetentionPolicy(maxAge: .seconds(60)))
        let old = TestEvents.event(0, time: TestEvents.baseTime.addingTimeInterval(-3600), snapshot: TestEvents.jpeg(100, fill: 1))
        let new = TestEvents.event(1, time: TestEvents.baseTime, snapshot: TestEvents.jpeg(100, fill: 2))
        let stored = try await store.append([old, new])
        #expect(try Data(contentsOf: folder.appendingPathComponent("snapshots/gate1/2.jpg")) == TestEvents.jpeg(100, fill: 2))
        #expect(exists(stored[0].snapshot!))
        let result = try await store.applyRetention(now: TestEvents.baseTime)
        #expect(result == RetentionResult(deletedEvents: 1, deletedSnapshots: 1))
        #expect(!exists("snapshots/gate1/1.jpg"))
        #expect(exists("snapshots/gate1/2.jpg"))
        let statistics = try await store.statistics()
        #expect(statistics.eventCount == 1)
        #expect(statistics.freeDiskBytes ?? 0 > 0)
    }

    @Test("crops and clips are written beside the snapshot, named in the event, removed by retention, and swept when orphaned")
    func cropFiles() async throws {
        do {
            let store = try open(RetentionPolicy(maxAge: .seconds(60)))
            var old = TestEvents.event(0, time: TestEvents.baseTime.addingTimeInterval(-3600), snapshot: TestEvents.jpeg(100, fill: 1))
            old.crops = [EventCrop(name: "plate", jpeg: TestEvents.jpeg(50, fill: 3)), EventCrop(name: "PSGU4182735", jpeg: TestEvents.jpeg(60, fill: 4))]
            old.clipMP4 = Data(repeating: 7, count: 300)
            var new = TestEvents.event(1, time: TestEvents.baseTime)
            new.crops = [EventCrop(name: "plate", jpeg: TestEvents.jpeg(70, fill: 5))]
            let stored = try await store.append([old, new])
            #expect(stored[0].clip == "snapshots/gate1/1-clip.mp4" && stored[1].clip == nil)
            #expect(try Data(contentsOf: folder.appendingPathComponent("snapshots/gate1/1-clip.mp4")) == Data(repeating: 7, count: 300))
            #expect(stored[0].crops == ["plate": "snapshots/gate1/1-plate.jpg", "PSGU4182735": "snapshots/gate1/1-PSGU4182735.jpg"])
            #expect(try Data(contentsOf: folder.appendingPathComponent("snapshots/gate1/1-plate.jpg")) == TestEvents.jpeg(50, fill: 3))
            // The feed's JSON names them, and reads back the same.
            let line = stored[0].jsonLine()
            #expect(line.contains(#""crops":{"PSGU4182735":"snapshots/gate1/1-PSGU4182735.jpg","plate":"snapshots/gate1/1-plate.jpg"}"#))
            #expect(try EventJSON.decode(Data(line.utf8)) == stored[0])
            #expect(try await store.event(seq: 2)?.crops == ["plate": "snapshots/gate1/2-plate.jpg"])
            let result = try await store.applyRetention(now: TestEvents.baseTime)
            #expect(result == RetentionResult(deletedEvents: 1, deletedSnapshots: 4))
            #expect(!exists("snapshots/gate1/1-plate.jpg") && !exists("snapshots/gate1/1-PSGU4182735.jpg") && !exists("snapshots/gate1/1.jpg"))
            #expect(!exists("snapshots/gate1/1-clip.mp4"))
            #expect(exists("snapshots/gate1/2-plate.jpg"))
        }
        // A crop or clip of a batch that never committed is removed on the next open.
        try TestEvents.jpeg().write(to: folder.appendingPathComponent("snapshots/gate1/7-plate.jpg"))
        try TestEvents.jpeg().write(to: folder.appendingPathComponent("snapshots/gate1/7-clip.mp4"))
        _ = try open()
        #expect(!exists("snapshots/gate1/7-plate.jpg") && !exists("snapshots/gate1/7-clip.mp4"))
        #expect(exists("snapshots/gate1/2-plate.jpg"))
    }

    @Test("a crop name that is not a safe file name is refused, naming it")
    func badCropName() async throws {
        let store = try open()
        var event = TestEvents.event(0)
        event.crops = [EventCrop(name: "../x", jpeg: TestEvents.jpeg())]
        await #expect(throws: EventStoreError.self) { _ = try await store.append([event]) }
        do {
            _ = try await store.append([event])
        } catch {
            #expect("\(error)".contains("'../x'"))
        }
    }

    @Test("retention by size shrinks the database file")
    func sizeShrinksFile() async throws {
        let store = try open(RetentionPolicy(maxTotalBytes: 100_000))
        for round in 0..<20 { _ = try await store.append(TestEvents.events(100, from: round * 100)) }
        let before = try await store.statistics().sizeOnDiskBytes
        _ = try await store.applyRetention(now: TestEvents.baseTime)
        let after = try await store.statistics()
        #expect(after.sizeOnDiskBytes < before / 3)
        // The file and its WAL, minus the fixed 32 KiB shared-memory index.
        #expect(after.sizeOnDiskBytes - 32_768 <= 100_000)
        #expect(after.lastSequence == 2000)
    }

    @Test("opening removes snapshot files that no committed event owns")
    func orphansRemoved() async throws {
        do {
            let store = try open(RetentionPolicy(maxAge: .seconds(60)))
            _ = try await store.append([
                TestEvents.event(0, time: TestEvents.baseTime.addingTimeInterval(-3600), snapshot: TestEvents.jpeg()),
                TestEvents.event(1, snapshot: TestEvents.jpeg()),
            ])
        }
        // As if a crash hit after writing files of an uncommitted batch (seq 3, 9) and before
        // retention's file removal (seq 1, whose row we delete behind the store's back).
        let camera2 = folder.appendingPathComponent("snapshots/gate2")
        try FileManager.default.createDirectory(at: camera2, withIntermediateDirectories: true)
        try TestEvents.jpeg().write(to: camera2.appendingPathComponent("3.jpg"))
        try TestEvents.jpeg().write(to: folder.appendingPathComponent("snapshots/gate1/9.jpg"))
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in try db.execute(sql: "DELETE FROM events WHERE seq = 1") }
        try queue.close()

        let store = try open()
        #expect(!exists("snapshots/gate2/3.jpg"))
        #expect(!exists("snapshots/gate1/9.jpg"))
        #expect(!exists("snapshots/gate1/1.jpg"))
        #expect(exists("snapshots/gate1/2.jpg"))
        #expect(try await store.append([TestEvents.event(2, snapshot: TestEvents.jpeg())]).map(\.snapshot) == ["snapshots/gate1/3.jpg"])
    }

    @Test("a failed append leaves no snapshot files and no rows")
    func failedAppendCleansUp() async throws {
        let store = try open()
        // A plain file where the second camera's snapshot folder should be makes the second
        // snapshot fail after the first was written.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("snapshots"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: folder.appendingPathComponent("snapshots/gate2"))
        let batch = [TestEvents.event(0, camera: "gate1", snapshot: TestEvents.jpeg()), TestEvents.event(1, camera: "gate2", snapshot: TestEvents.jpeg())]
        await #expect(throws: EventStoreError.self) { _ = try await store.append(batch) }
        #expect(!exists("snapshots/gate1/1.jpg"))
        #expect(try await store.lastSequence == 0)
        #expect(try await store.append([batch[0]]).map(\.seq) == [1])
    }

    @Test("a file that is not a database gives a corrupt error naming the path")
    func corruptFile() throws {
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path))
        do {
            _ = try open()
            Issue.record("opening garbage succeeded")
        } catch {
            guard case .corrupt(let errorPath, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(errorPath == path)
            #expect(error.description.contains(path))
            #expect(error.description.contains("move it aside"))
        }
    }

    @Test("a folder that cannot be created gives an error naming it")
    func cannotOpen() throws {
        let blocker = folder.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        do {
            _ = try SQLiteEventStore(path: blocker.appendingPathComponent("events.db").path, logger: TestEvents.logger)
            Issue.record("opening under a file succeeded")
        } catch {
            #expect(error.path?.hasPrefix(blocker.path) == true)
        }
    }

    @Test("SQLite result codes map to errors that name the path and say what to do")
    func errorMapping() {
        let full = SQLiteEventStore.storeError(DatabaseError(resultCode: .SQLITE_FULL), path: "/var/lib/portsight/events.db")
        #expect(full == .diskFull(path: "/var/lib/portsight/events.db"))
        #expect(full.description.contains("/var/lib/portsight/events.db"))
        #expect(full.description.contains("free space"))
        #expect(full.description.contains("retention"))
        let readOnly = SQLiteEventStore.storeError(DatabaseError(resultCode: .SQLITE_READONLY), path: "/x/e.db")
        #expect(readOnly == .readOnly(path: "/x/e.db"))
        #expect(readOnly.description.contains("writable"))
        guard case .corrupt = SQLiteEventStore.storeError(DatabaseError(resultCode: .SQLITE_NOTADB), path: "/x/e.db") else {
            Issue.record("NOTADB is not corrupt"); return
        }
        guard case .io = SQLiteEventStore.storeError(DatabaseError(resultCode: .SQLITE_IOERR), path: "/x/e.db") else {
            Issue.record("IOERR is not io"); return
        }
    }
}
