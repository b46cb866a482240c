import Daemon
import Plates
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

    @Test("two cameras of one lane, each replaying the sample on its own thread, give one visit record with the plate and the code",
          .enabled(if: FileManager.default.fileExists(atPath: Fixtures.root.appendingPathComponent("models/yolov4-tiny/yolov4-tiny.weights").path),
                   "scripts/get-models has not installed the detector"))
    func laneOfTwoCameras() async throws {
        let folder = try Fixtures.temporaryFolder()
        let file = folder.appendingPathComponent("portsight.yml")
        let detector = Fixtures.root.appendingPathComponent("models/yolov4-tiny")
        let camera = { (id: String) in "  - {id: \(id), source: \(Fixtures.sampleClip), realtime: false, lines: [{id: gate, start: [640, 719], end: [640, 380], left_to_right: in, right_to_left: out, gate: true}]}" }
        try ([
            "store: {path: \(folder.appendingPathComponent("events.sqlite").path)}",
            "ocr_models: \(Fixtures.root.appendingPathComponent("models/ocr").path)",
            "detector: {model: \(detector.appendingPathComponent("yolov4-tiny.weights").path), model_config: \(detector.appendingPathComponent("yolov4-tiny.cfg").path), labels: \(detector.appendingPathComponent("coco.names").path)}",
            "plates: {regions: [uk]}",
            "lanes: [{id: lane-3, cameras: [gate3, gate3-front]}]",
            "cameras:", camera("gate3"), camera("gate3-front"),
        ].joined(separator: "\n")).write(to: file, atomically: true, encoding: .utf8)
        var settings = try ConfigLoader.load(DaemonConfig.self, from: file.path)
        settings.feed.port = 0
        let daemon = try PortsightDaemon(settings: settings, options: PortsightDaemon.Options(version: "test"), logger: Self.logger)
        let running = Task { try await daemon.run() }
        let address = try #require(await daemon.ready())
        // Both cameras reach the end of the clip, then the lane's visit is complete.
        var visits = 0
        for _ in 0..<600 where visits == 0 {
            let (_, page) = try await get("http://127.0.0.1:\(address.port)/events?since=0&type=gate.transaction")
            visits = page.components(separatedBy: "\"gate.transaction\"").count - 1
            if visits == 0 { try await Task.sleep(for: .milliseconds(100)) }
        }
        await daemon.shutdown()
        try await running.value
        let store = try SQLiteEventStore(path: folder.appendingPathComponent("events.sqlite").path, logger: Self.logger)
        let stored = try await store.events(since: 0, limit: 1000, camera: nil, type: .gateTransaction).events
        #expect(stored.count == 1)
        let visit = try #require(stored.first?.transaction)
        #expect(visit.cameras == ["gate3", "gate3-front"])
        #expect(visit.lane == "lane-3")
        #expect(visit.plate?.text == "GT19PSX")
        #expect(visit.containers.map(\.code) == ["PSGU4182735"])
        #expect(stored.first?.crops["plate"] != nil)
        // The lead camera's clip of the passage, an MP4 stored beside the snapshots.
        let clip = try #require(stored.first?.clip)
        let mp4 = try Data(contentsOf: folder.appendingPathComponent(clip))
        #expect(mp4.count > 100_000 && String(decoding: mp4[4..<8], as: UTF8.self) == "ftyp")
    }

    @Test("an expected-visits file that does not parse stops the start, naming the file and line; on reload the list in use stays")
    func expectedVisitsFile() throws {
        let folder = try Fixtures.temporaryFolder()
        let list = folder.appendingPathComponent("expected-visits.txt")
        try "GT19 PSX PSGU4182735\nAB12CDE PSGU4182736\n".write(to: list, atomically: true, encoding: .utf8)
        var settings = try config(in: folder, port: 8080, cameraSource: Fixtures.sampleClip)
        settings.plates = try PlatesConfig(regions: ["uk"])
        settings.feed.port = 0
        do {
            _ = try PortsightDaemon(settings: settings, options: PortsightDaemon.Options(version: "test"), logger: Self.logger)
            Issue.record("the daemon started with a bad expected-visits file")
        } catch {
            #expect(error.description.contains("expected-visits.txt, line 2: 'PSGU4182736' is not a container code"))
        }
        // The keeper of a running daemon: a good list loads, a bad one on reload changes nothing.
        let keeper = ExpectedVisitsKeeper(path: list.path, logger: Self.logger)
        try "GT19 PSX PSGU4182735\n".write(to: list, atomically: true, encoding: .utf8)
        try keeper.load()
        #expect(keeper.visits.value.containers == ["GT19PSX": ["PSGU4182735"]])
        try "GT19PSX\nGT19PSX\n".write(to: list, atomically: true, encoding: .utf8)
        keeper.reload()
        #expect(keeper.visits.value.containers == ["GT19PSX": ["PSGU4182735"]])
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
