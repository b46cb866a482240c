import Events
import Foundation
import Testing

/// The behaviour both stores promise, run over each.
@Suite("Event store behaviour")
struct StoreBehaviourTests {
    @Test("seq grows by one per event across batches, starting at 1", arguments: StoreKind.allCases)
    func contiguousAcrossBatches(kind: StoreKind) async throws {
        let store = try kind.make()
        #expect(try await store.lastSequence == 0)
        var seqs: [Int64] = []
        for size in [1, 5, 0, 17, 3] {
            let stored = try await store.append(TestEvents.events(size, from: seqs.count))
            #expect(stored.count == size)
            seqs += stored.map(\.seq)
        }
        #expect(seqs == Array(1...26))
        #expect(try await store.lastSequence == 26)
        let all = try await store.allEvents(pageSize: 7)
        #expect(all.map(\.seq) == seqs)
        #expect(all.map(\.id) == (0..<26).map { "gate1-\($0)" })
    }

    @Test("stored events read back equal to what append returned", arguments: StoreKind.allCases)
    func readBack(kind: StoreKind) async throws {
        let store = try kind.make()
        let stored = try await store.append(TestEvents.events(3))
        #expect(try await store.event(seq: 2) == stored[1])
        #expect(try await store.event(seq: 4) == nil)
        #expect(try await store.allEvents() == stored)
    }

    @Test("filters by camera and type, with a cursor, in seq order", arguments: StoreKind.allCases)
    func filters(kind: StoreKind) async throws {
        let store = try kind.make()
        var batch: [NewEvent] = []
        for index in 0..<30 {
            let camera = ["gate1", "gate2", "quay"][index % 3]
            let type: EventType = index % 2 == 0 ? .zoneEntered : .lineCrossed
            batch.append(TestEvents.event(index, camera: camera, type: type))
        }
        _ = try await store.append(batch)

        let gate2 = try await store.events(since: 0, limit: 100, camera: "gate2", type: nil)
        #expect(gate2.events.map(\.seq) == stride(from: 2, through: 29, by: 3).map(Int64.init))
        #expect(gate2.next == 29)

        let crossed = try await store.events(since: 10, limit: 100, camera: nil, type: .lineCrossed)
        #expect(crossed.events.map(\.seq) == stride(from: 12, through: 30, by: 2).map(Int64.init))

        let both = try await store.events(since: 0, limit: 100, camera: "quay", type: .zoneEntered)
        #expect(both.events.allSatisfy { $0.camera == "quay" && $0.type == .zoneEntered })
        #expect(both.events.map(\.seq) == [3, 9, 15, 21, 27])

        let afterCursor = try await store.events(since: both.events[1].seq, limit: 2, camera: "quay", type: .zoneEntered)
        #expect(afterCursor.events.map(\.seq) == [15, 21])
        #expect(afterCursor.next == 21)

        let none = try await store.events(since: 0, limit: 10, camera: "nowhere", type: nil)
        #expect(none.events.isEmpty && none.next == 0)
    }

    @Test("a page as JSON lines is the page's events encoded, byte for byte, with the same cursor", arguments: StoreKind.allCases)
    func lines(kind: StoreKind) async throws {
        let store = try kind.make()
        _ = try await store.append((0..<12).map { TestEvents.event($0, camera: $0 % 2 == 0 ? "gate1" : "gate2", snapshot: TestEvents.jpeg()) })
        let encoder = EventJSON.makeEncoder()
        for (since, camera) in [(Int64(0), nil), (3, "gate2"), (12, nil)] as [(Int64, String?)] {
            let page = try await store.events(since: since, limit: 4, camera: camera, type: nil)
            let lines = try await store.eventLines(since: since, limit: 4, camera: camera, type: nil)
            #expect(lines.lines == page.events.map { $0.jsonLine(using: encoder) })
            #expect(lines.next == page.next)
        }
    }

    @Test("limit caps a page; an empty page keeps the cursor", arguments: StoreKind.allCases)
    func limit(kind: StoreKind) async throws {
        let store = try kind.make()
        _ = try await store.append(TestEvents.events(10))
        let page = try await store.events(since: 3, limit: 4)
        #expect(page.events.map(\.seq) == [4, 5, 6, 7])
        #expect(page.next == 7)
        let end = try await store.events(since: 10, limit: 4)
        #expect(end.events.isEmpty && end.next == 10)
        let zero = try await store.events(since: 2, limit: 0)
        #expect(zero.events.isEmpty && zero.next == 2)
    }

    @Test("paging with the cursor while appending collects every event exactly once", arguments: StoreKind.allCases)
    func pagingWhileAppending(kind: StoreKind) async throws {
        let store = try kind.make()
        var seen: [Int64] = []
        var since: Int64 = 0
        for round in 0..<12 {
            _ = try await store.append(TestEvents.events(round % 5 + 1, from: round * 10, camera: round % 2 == 0 ? "a1" : "b1"))
            let page = try await store.events(since: since, limit: 3)
            seen += page.events.map(\.seq)
            since = page.next
        }
        seen += try await store.events(since: since, limit: 1000).events.map(\.seq)
        let last = try await store.lastSequence
        #expect(seen == Array(1...last))
    }

    @Test("sink cursors start at 0, are per sink and never move backwards", arguments: StoreKind.allCases)
    func sinkCursors(kind: StoreKind) async throws {
        let store = try kind.make()
        #expect(try await store.cursor(forSink: "mqtt") == 0)
        #expect(try await store.setCursor(5, forSink: "mqtt") == 5)
        #expect(try await store.setCursor(3, forSink: "mqtt") == 5)
        #expect(try await store.setCursor(9, forSink: "webhook:ops") == 9)
        #expect(try await store.cursor(forSink: "mqtt") == 5)
        #expect(try await store.cursor(forSink: "webhook:ops") == 9)
        #expect(try await store.setCursor(6, forSink: "mqtt") == 6)
    }

    @Test("dead letters are recorded with the cursor, once per seq and per sink", arguments: StoreKind.allCases)
    func deadLetters(kind: StoreKind) async throws {
        let store = try kind.make()
        #expect(try await store.deadLetterCount(forSink: "hook") == 0)
        let refused = [DeadLetter(seq: 2, reason: "HTTP 422"), DeadLetter(seq: 4, reason: "HTTP 400")]
        #expect(try await store.setCursor(5, forSink: "hook", deadLetters: refused) == 5)
        // The same seq refused again (a resend after a restart) is still one dead letter.
        #expect(try await store.setCursor(5, forSink: "hook", deadLetters: [DeadLetter(seq: 4, reason: "HTTP 400")]) == 5)
        #expect(try await store.deadLetterCount(forSink: "hook") == 2)
        #expect(try await store.deadLetterCount(forSink: "mqtt") == 0)
        #expect(try await store.cursor(forSink: "hook") == 5)
    }

    @Test("retention by age removes the oldest events first", arguments: StoreKind.allCases)
    func retentionByAge(kind: StoreKind) async throws {
        let store = try kind.make(retention: RetentionPolicy(maxAge: .seconds(3600)))
        let now = TestEvents.baseTime
        // Ten events an hour apart, oldest first; the ninth is one second inside the hour.
        let events = (0..<10).map { TestEvents.event($0, time: now.addingTimeInterval(Double($0 - 8) * 3600 - 1)) }
        _ = try await store.append(events)
        let result = try await store.applyRetention(now: now)
        #expect(result.deletedEvents == 8)
        #expect(try await store.allEvents().map(\.seq) == [9, 10])
        #expect(try await store.statistics().eventCount == 2)
        #expect(try await store.applyRetention(now: now).deletedEvents == 0)
    }

    @Test("retention by size keeps the newest events that fit", arguments: StoreKind.allCases)
    func retentionBySize(kind: StoreKind) async throws {
        let maxBytes: Int64 = 200_000
        let store = try kind.make(retention: RetentionPolicy(maxTotalBytes: maxBytes))
        for index in 0..<30 {
            _ = try await store.append([TestEvents.event(index, snapshot: TestEvents.jpeg(20_000))])
        }
        let before = try await store.statistics()
        #expect(before.sizeOnDiskBytes > 600_000)
        let result = try await store.applyRetention(now: TestEvents.baseTime)
        let remaining = try await store.allEvents()
        #expect(result.deletedEvents > 0)
        #expect(result.deletedSnapshots == result.deletedEvents)
        #expect(remaining.count >= 3 && remaining.count < 10)
        #expect(remaining.map(\.seq) == Array((Int64(31 - remaining.count))...30))
        #expect(Int64(remaining.count) * 20_000 <= maxBytes)
    }

    @Test("seqs are never reused, even after retention deleted every event", arguments: StoreKind.allCases)
    func noReuseAfterRetention(kind: StoreKind) async throws {
        let store = try kind.make(retention: RetentionPolicy(maxAge: .seconds(60)))
        _ = try await store.append(TestEvents.events(5))
        let result = try await store.applyRetention(now: TestEvents.baseTime.addingTimeInterval(86_400))
        #expect(result.deletedEvents == 5)
        #expect(try await store.allEvents().isEmpty)
        #expect(try await store.lastSequence == 5)
        let statistics = try await store.statistics()
        #expect(statistics.eventCount == 0 && statistics.lastSequence == 5)
        let next = try await store.append(TestEvents.events(2, from: 5))
        #expect(next.map(\.seq) == [6, 7])
    }

    @Test("an invalid event in a batch stores nothing of the batch", arguments: StoreKind.allCases)
    func invalidBatch(kind: StoreKind) async throws {
        let store = try kind.make()
        var batch = TestEvents.events(3)
        batch[1].camera = "bad/camera"
        await #expect(throws: EventStoreError.self) { _ = try await store.append(batch) }
        #expect(try await store.lastSequence == 0)
        #expect(try await store.append(TestEvents.events(1)).map(\.seq) == [1])
    }

    @Test("snapshots get a path named by camera and seq", arguments: StoreKind.allCases)
    func snapshotPaths(kind: StoreKind) async throws {
        let store = try kind.make()
        let stored = try await store.append([
            TestEvents.event(0, camera: "gate1"), TestEvents.event(1, camera: "gate2", snapshot: TestEvents.jpeg()),
        ])
        #expect(stored.map(\.snapshot) == [nil, "snapshots/gate2/2.jpg"])
        #expect(try await store.event(seq: 2)?.snapshot == "snapshots/gate2/2.jpg")
    }
}
