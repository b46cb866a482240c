import Daemon
import Events
import Foundation
import Logging
import Synchronization
import Testing
import TestSupport

/// Events the store writes as the daemon stops still reach the sinks before it exits.
@Suite struct ShutdownDeliveryTests {
    @Test("a sink still retrying when the daemon is asked to stop delivers before it exits, not at the next start")
    func sinksDrainAtShutdown() async throws {
        // The receiver refuses everything until the shutdown has begun, then takes it.
        let stopping = Atomic<Bool>(false)
        let receiver = try await WebhookReceiver.start(secret: nil) { _, _ in
            stopping.load(ordering: .acquiring) ? .ok : .internalServerError
        }
        defer { Task { await receiver.stop() } }
        let folder = try Fixtures.temporaryFolder("shutdown-delivery")
        let db = folder.appendingPathComponent("events.sqlite").path
        let file = folder.appendingPathComponent("portsight.yml")
        // The camera points at nothing: it adds its offline event and costs no CPU.
        try """
            store: {path: \(db)}
            cameras:
              - {id: cam0, source: "http://127.0.0.1:9/none.mjpg", detection: "off", read_codes: false}
            sinks:
              - {name: hook, type: webhook, url: "\(receiver.url)", batch: 50}
            """.write(to: file, atomically: true, encoding: .utf8)
        var settings = try ConfigLoader.load(DaemonConfig.self, from: file.path)
        settings.feed.port = 0
        let daemon = try PortsightDaemon(settings: settings, options: .init(version: "test"), logger: quietLogger)
        let running = Task { try await daemon.run() }
        #expect(await daemon.ready() != nil)
        // The offline event is stored, and refused at least once.
        #expect(await eventually { receiver.requests.contains { !$0.accepted } })
        stopping.store(true, ordering: .releasing)
        await daemon.shutdown()
        try await running.value
        let store = try DeliveryTestSupport.openStore(db)
        let last = try await store.lastSequence
        #expect(last >= 1)
        let delivered = Set(receiver.requests.filter(\.accepted).flatMap(\.seqs))
        #expect(delivered == Set(1...last))
    }
}
