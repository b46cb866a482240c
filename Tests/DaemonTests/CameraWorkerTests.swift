import Daemon
import Events
import Foundation
import Inference
import Logging
import Metrics
import Pipeline
import Synchronization
import Testing
import TestSupport
import Vision

/// Collects what workers report.
final class HealthLog: Sendable {
    private let entries = Mutex<[CameraHealth]>([])
    func add(_ health: CameraHealth) { entries.withLock { $0.append(health) } }
    var all: [CameraHealth] { entries.withLock { $0 } }
}

@Suite("Camera worker")
struct CameraWorkerTests {
    let logger = Logger(label: "portsight.tests")

    func camera(_ yaml: String) throws -> CameraConfig {
        try ConfigLoader.decode(DaemonConfig.self, yaml: "cameras:\n" + yaml, file: "test.yml").cameras[0]
    }

    /// The bundled detector, shared by the cameras as the daemon shares it.
    func sharedDetector() throws -> DetectionService {
        let detector = try YOLODetector(model: .yolov4Tiny(in: Fixtures.root.appendingPathComponent("models").path), engine: Fixtures.engine)
        return DetectionService(detector: detector, logger: logger)
    }

    /// Waits until `condition` holds, up to `seconds`.
    func eventually(_ seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }

    @Test("a camera that cannot be opened is reported offline once, with the reason, and stops when asked")
    func offline() async throws {
        let store = InMemoryEventStore()
        let queue = EventQueue(store: store, logger: logger, metricsFactory: NOOPMetricsHandler.instance)
        let health = HealthLog()
        let config = try camera("  - {id: cam1, source: /nonexistent/clip.mp4, reconnect_initial_s: 0.1, reconnect_max_s: 0.2}\n")
        let worker = CameraWorker(config: config, detector: nil, codes: nil, queue: queue, logger: logger, report: health.add)
        worker.start()
        #expect(try await eventually(5) { health.all.contains { $0.state == .offline } })
        try await Task.sleep(for: .milliseconds(600))  // several retries
        #expect(worker.stop())
        await queue.finish()
        let events = try await store.events(since: 0, limit: 100).events
        #expect(events.map(\.type) == [.cameraOffline])
        #expect(events.first?.cameraState?.reason?.contains("/nonexistent/clip.mp4") == true)
        #expect(health.all.last?.reason?.contains("/nonexistent/clip.mp4") == true)
        // Each retry of the camera that cannot be opened counts in /status's reconnects.
        #expect((health.all.last?.reconnects.count ?? 0) >= 2)
    }

    @Test("reconnects and stalls are kept for an hour only, however long a camera keeps failing")
    func boundedHistory() {
        var health = CameraHealth(id: "cam1")
        let start = Date(timeIntervalSince1970: 1_000_000)
        for second in stride(from: 0, to: 3 * 86_400, by: 30) {  // three days, a retry every 30 s
            health.noteReconnect(at: start.addingTimeInterval(Double(second)))
            health.noteStall(at: start.addingTimeInterval(Double(second)))
        }
        #expect(health.reconnects.count == 121 && health.stalls.count == 121)
    }

    @Test("a looped file gives the same events on its second pass as on its first")
    func loopedPasses() async throws {
        let store = InMemoryEventStore()
        let queue = EventQueue(store: store, logger: logger, metricsFactory: NOOPMetricsHandler.instance)
        let config = try camera("""
              - id: gate3
                source: \(Fixtures.sampleClip)
                loop: true
                realtime: false
                read_codes: false
                lines:
                  - {id: gate, start: [640, 719], end: [640, 380], left_to_right: in, right_to_left: out, gate: true}

            """)
        let detection = try sharedDetector()
        defer { detection.stop() }
        let worker = CameraWorker(config: config, detector: detection.client(camera: "gate3"), codes: nil, queue: queue, logger: logger,
                                  report: { _ in })
        // A pass starts where an event's media time goes back; the third start closes the second pass.
        func passes() async throws -> [[StoredEvent]] {
            var passes: [[StoredEvent]] = [[]]
            var last = -1.0
            for event in try await store.events(since: 0, limit: 10_000).events where event.mediaTimeS != nil {
                if event.mediaTimeS! < last - 1 { passes.append([]) }
                last = event.mediaTimeS!
                passes[passes.count - 1].append(event)
            }
            return passes
        }
        worker.start()
        #expect(try await eventually(240) { try await passes().count >= 3 })
        #expect(worker.stop())
        await queue.finish()
        let found = try await passes()
        try #require(found.count >= 3)
        // What happened, to which track, where and when in the footage: ids and wall times differ.
        func summary(_ events: [StoredEvent]) -> [String] {
            events.map { event in
                let time = ((event.mediaTimeS ?? 0) * 10).rounded() / 10
                return "\(event.type.rawValue) \(event.track?.id ?? -1) \(event.track?.label ?? "") \(event.line?.direction ?? "") \(time)"
            }
        }
        #expect(!found[0].isEmpty)
        #expect(summary(found[1]) == summary(found[0]))
    }

    @Test("a file camera comes online, its objects become events, and the end of the footage is reported")
    func fileCamera() async throws {
        let store = InMemoryEventStore()
        let queue = EventQueue(store: store, logger: logger, metricsFactory: NOOPMetricsHandler.instance)
        let health = HealthLog()
        let config = try camera("""
              - id: gate3
                source: \(Fixtures.sampleClip)
                realtime: false
                read_codes: false
                lines:
                  - {id: gate, start: [640, 719], end: [640, 380], left_to_right: in, right_to_left: out, gate: true}

            """)
        let detection = try sharedDetector()
        defer { detection.stop() }
        let worker = CameraWorker(config: config, detector: detection.client(camera: "gate3"), codes: nil, queue: queue, logger: logger,
                                  report: health.add)
        worker.start()
        #expect(try await eventually(120) {
            try await store.events(since: 0, limit: 1000).events.contains { $0.type == .cameraOffline }
        })
        #expect(worker.stop())
        await queue.finish()
        let events = try await store.events(since: 0, limit: 1000).events
        #expect(events.first?.type == .cameraOnline)
        #expect(events.last?.type == .cameraOffline)
        #expect(events.last?.cameraState?.reason == "the footage ended")
        let crossings = events.filter { $0.type == .lineCrossed }
        #expect(crossings.contains { $0.track?.label == "truck" && $0.line?.direction == "in" })
        #expect(crossings.contains { $0.track?.label == "car" && $0.line?.direction == "out" })
        #expect(Set(events.map(\.id)).count == events.count)
        #expect(health.all.contains { $0.state == .online && $0.fpsProcessed > 0 })
        #expect(health.all.contains { ($0.latencyP50Ms ?? 0) > 0 && ($0.latencyP99Ms ?? 0) >= ($0.latencyP50Ms ?? 0) })
    }

    @Test("two cameras share one detector: each gets its own crossings, and frames of both were detected in")
    func sharedDetection() async throws {
        let store = InMemoryEventStore()
        let queue = EventQueue(store: store, logger: logger, metricsFactory: NOOPMetricsHandler.instance)
        let detection = try sharedDetector()
        defer { detection.stop() }
        let workers = try ["gate3", "gate4"].map { id in
            let config = try camera("""
                  - id: \(id)
                    source: \(Fixtures.sampleClip)
                    realtime: false
                    read_codes: false
                    lines:
                      - {id: gate, start: [640, 719], end: [640, 380], left_to_right: in, right_to_left: out, gate: true}

                """)
            return CameraWorker(config: config, detector: detection.client(camera: id), codes: nil, queue: queue, logger: logger,
                                report: { _ in })
        }
        workers.forEach { $0.start() }
        #expect(try await eventually(240) {
            try await store.events(since: 0, limit: 1000).events.filter { $0.type == .cameraOffline }.count == 2
        })
        for worker in workers { #expect(worker.stop()) }
        await queue.finish()
        let events = try await store.events(since: 0, limit: 1000).events
        for id in ["gate3", "gate4"] {
            let crossings = events.filter { $0.type == .lineCrossed && $0.camera == id }
            #expect(crossings.contains { $0.track?.label == "truck" && $0.line?.direction == "in" }, "\(id)")
            #expect(crossings.contains { $0.track?.label == "car" && $0.line?.direction == "out" }, "\(id)")
        }
        let stats = detection.stats
        #expect(stats.jobs > 0 && stats.dropped == 0 && stats.failures == 0 && stats.queued == 0)
    }
}
