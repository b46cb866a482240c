import Events
import Feed
import Foundation
import Hummingbird
import Logging
import Prometheus
import Testing

/// SSE over the real parts: the SQLite store and the event queue's subscriptions, with events
/// committed while streams catch up and a live buffer small enough to overflow.
@Suite struct StreamWithQueueTests {
    @Test func streamsOpenedWhileEventsCommitGetEachEventOnceInOrder() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feed-queue-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let logger = Logger(label: "feed-queue-test")
        let registry = PrometheusCollectorRegistry()
        let factory = PrometheusMetricsFactory(registry: registry)
        let store = try SQLiteEventStore(
            path: folder.appendingPathComponent("events.sqlite").path, options: .init(synchronous: .normal), logger: logger,
            metricsFactory: factory)
        // A tiny subscriber buffer: live streams drop events, and the feed must fill the gaps.
        let queue = EventQueue(
            store: store, configuration: EventQueueConfiguration(maxBatch: 7, maxDelay: .milliseconds(2), subscriberBuffer: 4),
            logger: logger, metricsFactory: factory)
        let board = StatusBoard(version: "test", cameras: ["gate1"])
        let router = buildRouter(
            context: StreamTestContext.self, store: store, status: board,
            snapshots: StoreSnapshotFiles(storeFolder: folder, latestFrames: LatestFrames()), subscriber: { queue.subscribe() },
            statusMetrics: StatusMetrics(registry: registry), configuration: FeedConfiguration(), logger: logger,
            metricsFactory: factory)

        let total = 400
        func submit(_ range: Range<Int>) async throws {
            for n in range {
                try await queue.submit(NewEvent(
                    id: "e\(n)", type: n % 3 == 0 ? .objectLeft : .objectEntered, camera: n % 2 == 0 ? "gate1" : "gate2",
                    time: Date(timeIntervalSince1970: 1_800_000_000 + Double(n))))
            }
        }
        let early = try await OpenStream(router: router, path: "/events/stream")
        try await submit(0..<150)
        // Opened while the queue is still writing the first events and more keep coming.
        async let producing: Void = submit(150..<total)
        let fromZero = try await OpenStream(router: router, path: "/events/stream?since=0")
        let resumed = try await OpenStream(router: router, path: "/events/stream", headers: lastEventID("100"))
        let filtered = try await OpenStream(router: router, path: "/events/stream?camera=gate2&type=object.left")
        try await producing
        await queue.finish()

        for stream in [early, fromZero, resumed, filtered] {
            #expect(await eventually(timeout: .seconds(10)) { stream.finished })
        }
        #expect(early.events.compactMap { $0.id } == (1...total).map(String.init))
        #expect(fromZero.events.compactMap { $0.id } == (1...total).map(String.init))
        #expect(resumed.events.compactMap { $0.id } == (101...total).map(String.init))
        // seq n is event n-1: gate2 when n-1 is odd, object.left when n-1 is a multiple of 3.
        let expected = (1...total).filter { ($0 - 1) % 2 == 1 && ($0 - 1) % 3 == 0 }.map(String.init)
        #expect(filtered.events.compactMap { $0.id } == expected)
    }
}
