import Daemon
import Events
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import Testing
import TestSupport

/// The daemon started from the library, in this process, as `portsight run` starts it.
@Suite("Daemon in-process")
struct InProcessDaemonTests {
    static let logger = Logger(label: "daemon-tests", factory: { _ in SwiftLogNoOpLogHandler() })

    func config(in folder: URL, port: Int, cameraSource: String) throws -> DaemonConfig {
        let file = folder.appendingPathComponent("portsight.yml")
        try """
            store: {path: \(folder.appendingPathComponent("events.sqlite").path)}
            feed: {port: \(port)}
            cameras:
              - id: gate3
                source: \(cameraSource)
                realtime: false
                read_codes: false
                detection: off
            """.write(to: file, atomically: true, encoding: .utf8)
        return try ConfigLoader.load(DaemonConfig.self, from: file.path)
    }

    struct Page: Decodable {
        struct Event: Decodable { var seq: Int64 }
        var events: [Event]
    }

    func get(_ url: String) async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test("starts, answers on the port it bound, tells systemd it is ready, and stops with every event written")
    func startAndStop() async throws {
        let folder = try Fixtures.temporaryFolder()
        let notify = NotifySocket(folder: folder)
        var options = PortsightDaemon.Options(version: "test")
        options.notifySocket = notify.path
        var settings = try config(in: folder, port: 8080, cameraSource: Fixtures.sampleClip)
        settings.feed.port = 0  // any free port: the file does not allow it, the library does
        let daemon = try PortsightDaemon(settings: settings, options: options, logger: Self.logger)
        let running = Task { try await daemon.run() }
        let address = try #require(await daemon.ready())
        #expect(address.port > 0)
        let (health, _) = try await get("http://127.0.0.1:\(address.port)/healthz")
        #expect(health == 200)
        let (status, body) = try await get("http://127.0.0.1:\(address.port)/status")
        #expect(status == 200)
        #expect(body.contains("\"gate3\""))
        // READY=1 comes from the store's service once the feed listens: give it a moment.
        var notes: [String] = []
        for _ in 0..<50 where !notes.contains("READY=1") {
            notes += notify.received()
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(notes.contains("READY=1"))
        // The camera's first event (camera.online) is served; after the stop the store has it.
        var served: Int64 = 0
        for _ in 0..<100 where served == 0 {
            let (_, page) = try await get("http://127.0.0.1:\(address.port)/events?since=0")
            served = (try? JSONDecoder().decode(Page.self, from: Data(page.utf8)))?.events.map(\.seq).max() ?? 0
            if served == 0 { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(served >= 1)
        await daemon.shutdown()
        try await running.value
        #expect(notify.received().contains("STOPPING=1"))
        let store = try SQLiteEventStore(path: folder.appendingPathComponent("events.sqlite").path, logger: Self.logger)
        #expect(try await store.lastSequence >= served)
    }

    @Test("a feed port in use stops the daemon with an error naming it, before any camera starts or systemd hears READY")
    func portInUse() async throws {
        let folder = try Fixtures.temporaryFolder()
        let taken = try LoopbackListener()
        let camera = try LoopbackListener()
        let notify = NotifySocket(folder: folder)
        var options = PortsightDaemon.Options(version: "test")
        options.notifySocket = notify.path
        let settings = try config(in: folder, port: taken.port, cameraSource: "http://127.0.0.1:\(camera.port)/stream.mjpg")
        let daemon = try PortsightDaemon(settings: settings, options: options, logger: Self.logger)
        let running = Task { try await daemon.run() }
        #expect(await daemon.ready() == nil)
        let error = await #expect(throws: DaemonError.self) { try await running.value }
        guard case .feedUnavailable(_, let port, let reason) = error else {
            Issue.record("expected feedUnavailable, got \(String(describing: error))")
            return
        }
        #expect(port == taken.port)
        #expect(reason.lowercased().contains("in use"))
        #expect(error?.description.contains("feed.port") == true)
        #expect(error?.description.contains("127.0.0.1:\(taken.port)") == true)
        #expect(!camera.connected(within: 1))
        #expect(!notify.received().contains("READY=1"))
    }
}
