import Events
import Feed
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Glibc
import Testing
import TestSupport

/// A sink with broken settings on a real daemon: shown, not fatal, and fixed by SIGHUP.
@Suite("Sink settings on a running daemon")
struct SinkReloadTests {
    static let portsight = Fixtures.builtExecutable("portsight")
    static let eventload = Fixtures.builtExecutable("portsight-eventload")

    func status(_ port: Int) async -> StatusSnapshot? {
        await daemonStatus(port: port)
    }

    @Test("a malformed sink is shown as misconfigured with file, line and key while the daemon runs; SIGHUP with a fixed file starts it",
          .enabled(if: portsight != nil && eventload != nil, "portsight was not built; run `swift build --build-tests` first"))
    func brokenSinkThenReload() async throws {
        let receiver = try await WebhookReceiver.start(secret: nil)
        defer { Task { await receiver.stop() } }
        let folder = try Fixtures.temporaryFolder("sink-reload")
        let db = folder.appendingPathComponent("events.sqlite").path
        let port = Fixtures.freeLoopbackPort()
        let config = folder.appendingPathComponent("portsight.yml")
        func write(url: String) throws {
            try """
                store: {path: \(db)}
                feed: {port: \(port)}
                cameras:
                  - {id: cam0, source: "http://127.0.0.1:9/none.mjpg", detection: "off", read_codes: false}
                sinks:
                  - name: hook
                    type: webhook
                    url: "\(url)"
                """.write(to: config, atomically: true, encoding: .utf8)
        }
        try write(url: "htp:/typo")
        let load = Process()
        load.executableURL = Self.eventload
        load.arguments = ["--db", db, "--count", "200", "--camera", "gate1", "--snapshot-every", "0", "--quiet"]
        try load.run()
        load.waitUntilExit()

        let daemon = try Fixtures.startDaemon(config: config)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }

        var shown: SinkStatus?
        _ = await eventually(timeout: .seconds(10)) {
            shown = await status(port)?.sinks.first
            return shown != nil
        }
        #expect(shown?.state == .misconfigured)
        #expect(shown?.lastError?.hasPrefix("\(config.path):8: sinks[0].url:") == true, "\(String(describing: shown?.lastError))")
        let cameras = await status(port)?.cameras.map(\.id)
        #expect(cameras == ["cam0"], "the cameras run on")

        try write(url: receiver.url)
        kill(daemon.processIdentifier, SIGHUP)
        let caughtUp = await eventually(timeout: .seconds(15)) {
            guard let now = await status(port), let sink = now.sinks.first else { return false }
            return sink.state == .delivering && now.store.lastSeq >= 200 && sink.cursor == now.store.lastSeq
        }
        let after = await status(port)?.sinks
        #expect(caughtUp, "after SIGHUP: \(String(describing: after))")
        #expect(Set(receiver.acceptedSeqs).isSuperset(of: 1...200))
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        #expect(daemon.terminationStatus == 0)
    }
}
