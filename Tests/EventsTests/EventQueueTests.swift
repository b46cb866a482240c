import CoreMetrics
import Events
import Foundation
import Testing
import TestSupport

@Suite("Event queue")
struct EventQueueTests {
    func makeQueue(
        _ store: any EventStore, metrics: any MetricsFactory = NOOPMetricsHandler.instance,
        capacity: Int = 10_000, maxBatch: Int = 100, maxDelay: Duration = .milliseconds(20), subscriberBuffer: Int = 10_000
    ) -> EventQueue {
        EventQueue(
            store: store,
            configuration: EventQueueConfiguration(
                capacity: capacity, maxBatch: maxBatch, maxDelay: maxDelay, subscriberBuffer: subscriberBuffer,
                retryDelay: .milliseconds(20), maxRetryDelay: .milliseconds(40)),
            logger: TestEvents.logger, metricsFactory: metrics)
    }

    @Test("many producers are written in batches, fewer transactions than events, in each producer's order")
    func batching() async throws {
        let store = ScriptedStore()
        let queue = makeQueue(store)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for producer in 0..<4 {
                group.addTask {
                    for index in 0..<250 { try await queue.submit(TestEvents.event(index, camera: "cam\(producer)")) }
                }
            }
            try await group.waitForAll()
        }
        await queue.finish()
        let statistics = queue.statistics()
        #expect(statistics.committed == 1000)
        #expect(statistics.batches == (await store.commits))
        #expect(statistics.batches >= 10 && statistics.batches < 100)
        let all = try await store.allEvents()
        #expect(all.map(\.seq) == Array(1...1000))
        for producer in 0..<4 {
            #expect(all.filter { $0.camera == "cam\(producer)" }.map(\.id) == (0..<250).map { "cam\(producer)-\($0)" })
        }
    }

    @Test("a lone event is written after the batch delay, without finish")
    func timedFlush() async throws {
        let store = ScriptedStore()
        let queue = makeQueue(store, maxDelay: .milliseconds(30))
        try await queue.submit(TestEvents.event(0))
        #expect(await eventually(timeout: .seconds(3)) { queue.statistics().committed == 1 })
        #expect(try await store.lastSequence == 1)
        await queue.finish()
    }

    @Test("submit waits while the queue is full; offer drops, counts and reports a metric")
    func backpressure() async throws {
        let store = ScriptedStore(gated: true)
        let metrics = CountingMetrics()
        let queue = makeQueue(store, metrics: metrics, capacity: 4, maxBatch: 2, maxDelay: .milliseconds(1))
        for index in 0..<4 { try await queue.submit(TestEvents.event(index)) }
        #expect(await eventually { await store.attempts == 1 })

        let returned = Flag()
        let waiting = Task {
            try await queue.submit(TestEvents.event(4))
            returned.set()
        }
        #expect(await eventually { queue.statistics().waitingProducers == 1 })
        try await Task.sleep(for: .milliseconds(50))
        #expect(!returned.isSet)

        #expect(queue.offer(TestEvents.event(5)) == false)
        #expect(queue.statistics().dropped == 1)
        #expect(metrics.total("portsight_event_queue_dropped_total") == 1)

        await store.openGate()
        try await waiting.value
        #expect(returned.isSet)
        #expect(queue.offer(TestEvents.event(6)))
        await queue.finish()
        let ids = try await store.allEvents().map(\.id)
        #expect(ids == ["gate1-0", "gate1-1", "gate1-2", "gate1-3", "gate1-4", "gate1-6"])
        #expect(queue.statistics().accepted == 6)
        #expect(metrics.total("portsight_event_queue_committed_total") == 6)
    }

    @Test("a producer cancelled while waiting for room gets .cancelled and its event is not queued")
    func cancelWhileWaiting() async throws {
        let store = ScriptedStore(gated: true)
        let queue = makeQueue(store, capacity: 1, maxBatch: 1, maxDelay: .milliseconds(1))
        try await queue.submit(TestEvents.event(0))
        #expect(await eventually { await store.attempts == 1 })
        let waiting = Task { try await queue.submit(TestEvents.event(1)) }
        #expect(await eventually { queue.statistics().waitingProducers == 1 })
        waiting.cancel()
        await #expect(throws: EventQueueError.cancelled) { try await waiting.value }
        #expect(queue.statistics().waitingProducers == 0)
        await store.openGate()
        await queue.finish()
        #expect(try await store.allEvents().map(\.id) == ["gate1-0"])
    }

    @Test("finish writes everything pending, then refuses new events")
    func finishFlushes() async throws {
        let store = ScriptedStore()
        let queue = makeQueue(store, maxBatch: 1000, maxDelay: .seconds(30))
        for index in 0..<250 { try await queue.submit(TestEvents.event(index)) }
        #expect(queue.statistics().committed == 0)
        await queue.finish()
        #expect(queue.statistics().committed == 250)
        #expect(try await store.lastSequence == 250)
        await #expect(throws: EventQueueError.finished) { try await queue.submit(TestEvents.event(250)) }
        #expect(queue.offer(TestEvents.event(251)) == false)
    }

    @Test("subscribers see every committed event once, in seq order, and their streams end on finish")
    func subscribers() async throws {
        let store = ScriptedStore()
        let queue = makeQueue(store, maxBatch: 50)
        let streams = [queue.subscribe(), queue.subscribe()]
        let readers = streams.map { stream in
            Task { await stream.reduce(into: [StoredEvent]()) { $0.append($1) } }
        }
        for index in 0..<300 { try await queue.submit(TestEvents.event(index)) }
        await queue.finish()
        for reader in readers {
            let seen = await reader.value
            #expect(seen.map(\.seq) == Array(1...300))
            #expect(seen.map(\.id) == (0..<300).map { "gate1-\($0)" })
        }
        // A stream asked for after finish ends at once.
        var late = queue.subscribe().makeAsyncIterator()
        #expect(await late.next() == nil)
    }

    @Test("while the store fails, the batch is kept and retried, and nothing is published before it commits")
    func failingStore() async throws {
        let store = ScriptedStore(failures: 3)
        let queue = makeQueue(store, maxDelay: .milliseconds(1))
        let stream = queue.subscribe()
        let reader = Task {
            var seen: [StoredEvent] = []
            var uncommitted: [Int64] = []
            for await event in stream {
                // Published only after the store committed it.
                if (try? await store.lastSequence) ?? 0 < event.seq { uncommitted.append(event.seq) }
                seen.append(event)
            }
            return (seen.map(\.seq), uncommitted)
        }
        for index in 0..<5 { try await queue.submit(TestEvents.event(index)) }
        #expect(await eventually { await store.attempts >= 2 })
        #expect(try await store.lastSequence == 0)
        #expect(queue.statistics().pending == 5)
        // The failure shows in the figures /status carries, until a write succeeds.
        #expect(queue.statistics().lastError?.isEmpty == false)
        await queue.finish()
        let (seen, uncommitted) = await reader.value
        #expect(seen == [1, 2, 3, 4, 5])
        #expect(uncommitted.isEmpty)
        #expect(queue.statistics().failures == 3)
        #expect(queue.statistics().lastError == nil)
        // Three failed attempts, then one per committed batch (a slow runner may split the five).
        let commits = await store.commits
        #expect(commits >= 1)
        #expect(await store.attempts == 3 + commits)
    }

    @Test("a subscriber that never reads does not hold up the writer; it keeps the newest events")
    func slowSubscriber() async throws {
        let store = ScriptedStore()
        let queue = makeQueue(store, maxBatch: 50, subscriberBuffer: 10)
        let stream = queue.subscribe()
        for index in 0..<500 { try await queue.submit(TestEvents.event(index)) }
        await queue.finish()
        #expect(try await store.lastSequence == 500)
        let kept = await stream.reduce(into: [Int64]()) { $0.append($1.seq) }
        #expect(kept == Array(491...500))
    }

    @Test("end to end into SQLite: concurrent producers, contiguous seqs, snapshots on disk, batched")
    func intoSQLite() async throws {
        let folder = try Fixtures.temporaryFolder("queue-sqlite")
        let store = try SQLiteEventStore(
            path: folder.appendingPathComponent("events.db").path, options: .init(synchronous: .full), logger: TestEvents.logger)
        let queue = makeQueue(store, maxBatch: 64, maxDelay: .milliseconds(5))
        let stream = queue.subscribe()
        let reader = Task { await stream.reduce(into: [Int64]()) { $0.append($1.seq) } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for producer in 0..<3 {
                group.addTask {
                    for index in 0..<200 {
                        let snapshot = index % 10 == 0 ? TestEvents.jpeg() : nil
                        try await queue.submit(TestEvents.event(index, camera: "cam\(producer)", snapshot: snapshot))
                    }
                }
            }
            try await group.waitForAll()
        }
        await queue.finish()
        #expect(await reader.value == Array(1...600))
        let all = try await store.allEvents()
        #expect(all.map(\.seq) == Array(1...600))
        #expect(all.compactMap(\.snapshot).count == 60)
        #expect(all.compactMap(\.snapshot).allSatisfy { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) })
        #expect(queue.statistics().batches < 600)
        try? FileManager.default.removeItem(at: folder)
    }

    @Test("invalid events are refused at the door, so the writer never retries them forever")
    func invalidRefused() async throws {
        let queue = makeQueue(ScriptedStore())
        await #expect(throws: EventQueueError.self) { try await queue.submit(TestEvents.event(0, camera: "no/slash")) }
        #expect(queue.offer(TestEvents.event(1, camera: "")) == false)
        await queue.finish()
    }
}
