import Delivery
import Events
import Foundation
import Hummingbird
import Logging
import Synchronization

/// A real webhook receiver on a loopback port (Hummingbird), which records every request and
/// answers what the test's verdict says.
final class WebhookReceiver: Sendable {
    /// One request as it arrived.
    struct Arrival: Sendable {
        /// The seqs of the events in the body, in body order.
        var seqs: [Int64]
        /// What the receiver answered.
        var status: Int
        /// The request's headers, names in lower case.
        var headers: [String: String]
        /// Whether the signature header matched the body (false when it is missing).
        var signed: Bool
        /// The body as it arrived.
        var body: Data

        var accepted: Bool { (200..<300).contains(status) }
    }

    /// What to answer to the request numbered `index` (from 0), carrying `seqs`.
    typealias Verdict = @Sendable (_ index: Int, _ seqs: [Int64]) -> HTTPResponse.Status

    /// The port it listens on, on 127.0.0.1.
    let port: Int
    private let arrivals: Shared<[Arrival]>
    private let task: Task<Void, any Error>

    private init(port: Int, arrivals: Shared<[Arrival]>, task: Task<Void, any Error>) {
        self.port = port
        self.arrivals = arrivals
        self.task = task
    }

    /// The URL of its hook.
    var url: String { "http://127.0.0.1:\(port)/hook" }

    /// Every request so far, in arrival order.
    var requests: [Arrival] { arrivals.value }

    /// Starts a receiver that checks signatures with `secret` and answers `verdict`.
    /// With `hold`, every answer waits that long first (a stuck receiver).
    static func start(
        secret: String?, hold: Duration? = nil, verdict: @escaping Verdict = { _, _ in .ok }
    ) async throws -> WebhookReceiver {
        let log = Shared<[Arrival]>([])
        let router = Router()
        router.post("hook") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 64 << 20)
            if let hold { try? await Task.sleep(for: hold) }
            let body = Data(buffer.readableBytesView)
            let seqs = (try? WebhookBody.decode(body))?.events.map(\.seq) ?? []
            var headers: [String: String] = [:]
            for field in request.headers {
                let name = field.name.canonicalName
                headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
            }
            let signed = secret.map { secret in
                headers[WebhookSignature.headerName.lowercased()].map {
                    WebhookSignature.verify(body: body, secret: secret, signature: $0)
                } ?? false
            } ?? false
            let status = log.withLock { log -> HTTPResponse.Status in
                let status = verdict(log.count, seqs)
                log.append(Arrival(seqs: seqs, status: status.code, headers: headers, signed: signed, body: body))
                return status
            }
            let text = (200..<300).contains(status.code) ? "ok" : "refused: seqs \(seqs.map(String.init).joined(separator: ","))"
            return Response(status: status, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: quietLogger)
        let task = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw ReceiverError.didNotStart
        }
        return WebhookReceiver(port: port, arrivals: log, task: task)
    }

    /// Stops the server.
    func stop() async {
        task.cancel()
        _ = await task.result
    }

    /// The seqs of accepted requests, each time one arrived.
    var acceptedSeqs: [Int64] { requests.filter(\.accepted).flatMap(\.seqs) }

    enum ReceiverError: Error { case didNotStart }
}

/// A logger that prints nothing.
let quietLogger = Logger(label: "delivery-tests", factory: { _ in SwiftLogNoOpLogHandler() })

/// Builders for the delivery tests' events, stores and settings.
enum DeliveryTestSupport {
    /// `count` small valid events numbered from `start`.
    static func events(_ count: Int, from start: Int = 0) -> [NewEvent] {
        (start..<(start + count)).map { index in
            NewEvent(
                id: "gate1-\(index)", type: .objectEntered, camera: "gate1",
                time: Date(timeIntervalSince1970: 1_795_947_302.120 + Double(index)), mediaTimeS: Double(index) * 0.5)
        }
    }

    /// A fresh SQLite store in a new temporary folder, and its file's path.
    static func sqliteStore() throws -> (SQLiteEventStore, String) {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("portsight-delivery-tests-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("events.db").path
        return (try openStore(path), path)
    }

    /// Opens (or reopens) the SQLite store at `path`.
    static func openStore(_ path: String) throws -> SQLiteEventStore {
        try SQLiteEventStore(path: path, options: .init(synchronous: .normal), logger: quietLogger)
    }

    /// Retry pauses short enough for tests.
    static var quickRetries: DeliverySettings {
        var settings = DeliverySettings()
        settings.idlePoll = .milliseconds(50)
        settings.firstRetry = .milliseconds(5)
        settings.maxRetry = .milliseconds(40)
        return settings
    }
}

/// Waits until `condition` holds, checking every 20 ms, for at most `timeout`; returns whether it held.
func eventually(timeout: Duration = .seconds(15), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

/// A value shared between tasks, behind a lock.
final class Shared<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) {
        mutex = Mutex(value)
    }

    /// The value now.
    var value: Value { mutex.withLock { $0 } }

    /// Changes the value under the lock and returns what `body` returns.
    func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
        mutex.withLock { body(&$0) }
    }
}

/// The latest progress a runner reported.
final class ProgressLog: Sendable {
    private let latest = Shared<SinkStatus?>(nil)

    var last: SinkStatus? { latest.value }

    func record(_ progress: SinkStatus) {
        latest.withLock { $0 = progress }
    }
}
