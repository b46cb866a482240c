import Events
import Feed
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import Synchronization

/// One feed over an in-memory store, a status board, a snapshots folder in a temporary
/// directory and a hand-driven live event stream.
struct FeedFixture: Sendable {
    let store = InMemoryEventStore()
    let board: StatusBoard
    let frames = LatestFrames()
    let storeFolder: URL
    let live = LivePublisher()
    let registry = PrometheusCollectorRegistry()
    var configuration: FeedConfiguration
    /// The expected containers behind `/expected`; nil: no such route.
    var expected: (any ExpectedList)?

    init(token: String? = nil, cameras: [String] = ["gate1", "gate2"], keepAlive: Duration = .seconds(15),
         clock: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        board = StatusBoard(version: "0.0.1-test", cameras: cameras, sinks: ["mqtt"], clock: clock)
        storeFolder = FileManager.default.temporaryDirectory.appendingPathComponent("feed-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: storeFolder, withIntermediateDirectories: true)
        configuration = FeedConfiguration(host: "127.0.0.1", port: 0, token: token, keepAliveInterval: keepAlive)
    }

    var snapshots: StoreSnapshotFiles { StoreSnapshotFiles(storeFolder: storeFolder, latestFrames: frames) }

    /// A Prometheus factory on the fixture's registry, with the feed's request-duration buckets, as the daemon sets it up.
    var metricsFactory: PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[FeedServer.requestDurationLabel] = FeedServer.requestDurationBuckets
        return factory
    }

    func makeApplication() throws -> some ApplicationProtocol {
        try FeedServer.makeApplication(
            configuration: configuration, store: store, status: board, snapshots: snapshots,
            subscriber: { [live] in live.subscribe() }, statusMetrics: StatusMetrics(registry: registry),
            logger: Logger(label: "feed-tests"), metricsFactory: metricsFactory, expected: expected)
    }

    func makeRouter<Context: RequestContext>(context: Context.Type) -> Router<Context> {
        buildRouter(
            context: context, store: store, status: board, snapshots: snapshots,
            subscriber: { [live] in live.subscribe() }, statusMetrics: StatusMetrics(registry: registry),
            configuration: configuration, logger: Logger(label: "feed-tests"),
            metricsFactory: metricsFactory)
    }

    /// Appends `count` events, cycling cameras and types, and returns them stored.
    @discardableResult
    func append(_ count: Int, cameras: [String] = ["gate1", "gate2"], types: [EventType] = [.objectEntered, .objectLeft],
                snapshot: Bool = false) async throws -> [StoredEvent] {
        let base = await store.lastSequence
        let events = (0..<count).map { index in
            let n = Int(base) + index
            return NewEvent(
                id: "event-\(n)", type: types[n % types.count], camera: cameras[n % cameras.count],
                time: Date(timeIntervalSince1970: 1_800_000_000 + Double(n)), mediaTimeS: Double(n),
                snapshotJPEG: snapshot ? Data([0xFF, 0xD8, UInt8(n % 256), 0xFF, 0xD9]) : nil)
        }
        return try await store.append(events)
    }

    /// Writes the in-memory store's snapshot files into the folder, as the SQLite store would.
    func writeSnapshotFiles(_ events: [StoredEvent]) async throws {
        for event in events {
            for path in [event.snapshot, event.clip].compactMap({ $0 }) + event.crops.values {
                guard let bytes = await store.snapshot(at: path) else { continue }
                let file = storeFolder.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try bytes.write(to: file)
            }
        }
    }
}

/// Stands in for `EventQueue.subscribe()`: the test publishes committed events by hand.
final class LivePublisher: Sendable {
    private let continuations = Mutex<[AsyncStream<StoredEvent>.Continuation]>([])

    func subscribe() -> AsyncStream<StoredEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: StoredEvent.self)
        continuations.withLock { $0.append(continuation) }
        return stream
    }

    var subscriberCount: Int { continuations.withLock { $0.count } }

    func publish(_ events: [StoredEvent]) {
        for continuation in continuations.withLock({ $0 }) {
            for event in events { continuation.yield(event) }
        }
    }

    func finish() {
        for continuation in continuations.withLock({ $0 }) { continuation.finish() }
    }
}

/// Waits until `condition` holds, checking every 10 ms; false after `timeout`.
func eventually(timeout: Duration = .seconds(5), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return try await condition()
}

/// Decodes a JSON body.
func decode<T: Decodable>(_ type: T.Type, _ buffer: ByteBuffer) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
}

/// `GET /events`'s body.
struct EventsPage: Decodable {
    var events: [StoredEvent]
    var next: Int64
}

/// One parsed server-sent event.
struct ParsedSSE: Equatable {
    var id: String?
    var event: String?
    var data: String?
    var isComment: Bool
}

/// Splits SSE text into frames (separated by blank lines); the incomplete tail is left out.
func parseSSE(_ text: String) -> [ParsedSSE] {
    var frames: [ParsedSSE] = []
    var blocks = text.components(separatedBy: "\n\n")
    blocks.removeLast()  // after the last separator: incomplete or empty
    for block in blocks where !block.isEmpty {
        var frame = ParsedSSE(isComment: false)
        for line in block.split(separator: "\n") {
            if line.hasPrefix(":") { frame.isComment = true }
            if line.hasPrefix("id: ") { frame.id = String(line.dropFirst(4)) }
            if line.hasPrefix("event: ") { frame.event = String(line.dropFirst(7)) }
            if line.hasPrefix("data: ") { frame.data = String(line.dropFirst(6)) }
        }
        frames.append(frame)
    }
    return frames
}
