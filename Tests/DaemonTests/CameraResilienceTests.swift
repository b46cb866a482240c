import Daemon
import Events
import Foundation
import Logging
import Metrics
import Testing
import TestSupport

/// A loopback MJPEG camera (scripts/mjpeg-server) that the test can kill and start again.
final class LoopbackCamera {
    let folder: URL
    private(set) var port = 0
    private var process: Process?

    init() throws {
        folder = try Fixtures.temporaryFolder("loopback-camera")
        _ = try writeSampleJPEGs(count: 40, to: folder, every: 3)
    }

    /// Starts serving (on the same port as before, after the first start).
    func start() throws {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        server.arguments = [Fixtures.root.appendingPathComponent("scripts/mjpeg-server").path, folder.path, "--fps", "10",
                            "--loops", "1000", "--port", "\(port)"]
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) ?? port
        process = server
    }

    /// Kills the server: the camera drops mid-stream.
    func kill() {
        guard let process else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    deinit { kill() }
}

@Suite("Camera resilience")
struct CameraResilienceTests {
    let logger = Logger(label: "portsight.tests")

    @Test("a camera whose server dies goes offline with an event, and is back online within 10 s of the server's return")
    func reconnects() async throws {
        let camera = try LoopbackCamera()
        try camera.start()
        let store = InMemoryEventStore()
        let queue = EventQueue(store: store, logger: logger, metricsFactory: NOOPMetricsHandler.instance)
        let health = HealthLog()
        let config = try ConfigLoader.decode(DaemonConfig.self, yaml: """
            cameras:
              - {id: mjpeg1, source: "http://127.0.0.1:\(camera.port)/stream.mjpg", detection: "off",
                 stall_s: 3, reconnect_initial_s: 0.5, reconnect_max_s: 2}
            """, file: "test.yml").cameras[0]
        let worker = CameraWorker(config: config, detector: nil, codes: nil, queue: queue, logger: logger, report: health.add)
        worker.start()
        defer { worker.stop() }
        func state() -> CameraState? { health.all.last?.state }
        func events(_ type: EventType) async throws -> Int {
            try await store.events(since: 0, limit: 100).events.filter { $0.type == type }.count
        }

        #expect(try await CameraWorkerTests().eventually(15) { state() == .online })
        camera.kill()
        #expect(try await CameraWorkerTests().eventually(10) { state() == .offline })
        #expect(try await CameraWorkerTests().eventually(5) { try await events(.cameraOffline) == 1 })

        try camera.start()
        let restarted = Date()
        #expect(try await CameraWorkerTests().eventually(10) { state() == .online })
        let back = Date().timeIntervalSince(restarted)
        #expect(back < 10, "online again after \(back) s")
        #expect(try await CameraWorkerTests().eventually(5) { try await events(.cameraOnline) == 2 })
        #expect(health.all.last?.reconnects.isEmpty == false)
        #expect(try await CameraWorkerTests().eventually(5) { health.all.contains { $0.state == .online && $0.fpsRead > 0 } })
        worker.stop()
        await queue.finish()
    }
}
