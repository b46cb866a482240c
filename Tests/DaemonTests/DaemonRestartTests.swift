import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Glibc
import Testing
import TestSupport

/// The daemon as an operator runs it: a real `portsight run` child process on a loopback port.
@Suite("Daemon across restarts", .serialized)
struct DaemonRestartTests {
    static let portsight = Fixtures.builtExecutable("portsight")

    struct Page: Decodable {
        struct Event: Decodable {
            var seq: Int64
            var id: String
        }
        var events: [Event]
        var next: Int64
    }

    func start(_ config: URL) throws -> Process {
        try Fixtures.startDaemon(config: config)
    }

    func page(_ port: Int, since: Int64) async -> Page? {
        guard let url = URL(string: "http://127.0.0.1:\(port)/events?since=\(since)&limit=50"),
              let (data, response) = try? await URLSession.shared.data(from: url),
              (response as? HTTPURLResponse)?.statusCode == 200 else { return nil }
        return try? JSONDecoder().decode(Page.self, from: data)
    }

    @Test("a poller of /events?since= sees every event exactly once across a SIGKILL and a SIGTERM restart",
          .enabled(if: portsight != nil, "portsight was not built; run `swift build --build-tests` first"))
    func pollerAcrossRestarts() async throws {
        let folder = try Fixtures.temporaryFolder()
        let port = Fixtures.freeLoopbackPort()
        let config = folder.appendingPathComponent("portsight.yml")
        try """
            store: {path: \(folder.appendingPathComponent("events.sqlite").path)}
            feed: {port: \(port)}
            cameras:
              - id: gate3
                source: \(Fixtures.sampleClip)
                loop: true
                realtime: false
                read_codes: false
                lines:
                  - {id: gate, start: [640, 719], end: [640, 380], left_to_right: in, right_to_left: out, gate: true}
            """.write(to: config, atomically: true, encoding: .utf8)

        var seen: [Int64] = []
        var ids: [String] = []
        var cursor: Int64 = 0
        func poll(until count: Int, within seconds: Double) async {
            let deadline = Date().addingTimeInterval(seconds)
            while seen.count < count, Date() < deadline {
                if let page = await page(port, since: cursor) {
                    seen += page.events.map(\.seq)
                    ids += page.events.map(\.id)
                    cursor = page.next
                }
                try? await Task.sleep(for: .milliseconds(200))
            }
        }

        var daemon = try start(config)
        await poll(until: 10, within: 90)
        kill(daemon.processIdentifier, SIGKILL)  // a crash: what was committed must still be served
        daemon.waitUntilExit()
        let beforeCrash = seen.count

        daemon = try start(config)
        await poll(until: beforeCrash + 10, within: 90)
        kill(daemon.processIdentifier, SIGTERM)  // an orderly stop flushes the queue
        daemon.waitUntilExit()
        #expect(daemon.terminationStatus == 0)
        let beforeStop = seen.count

        daemon = try start(config)
        await poll(until: beforeStop + 5, within: 90)
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()

        #expect(beforeCrash >= 10 && beforeStop >= beforeCrash + 10 && seen.count >= beforeStop + 5,
                "saw \(beforeCrash), \(beforeStop), \(seen.count) events")
        #expect(seen == Array(stride(from: 1, through: Int64(seen.count), by: 1)), "every seq once, in order, no gap")
        #expect(Set(ids).count == ids.count)
    }

    struct Status: Decodable {
        struct Camera: Decodable {
            var id: String
            var state: String
        }
        var cameras: [Camera]
    }

    @Test("SIGHUP adds and removes cameras from the file without stopping the others",
          .enabled(if: portsight != nil, "portsight was not built; run `swift build --build-tests` first"))
    func reload() async throws {
        let folder = try Fixtures.temporaryFolder()
        let port = Fixtures.freeLoopbackPort()
        let config = folder.appendingPathComponent("portsight.yml")
        func write(_ cameras: [String]) throws {
            let list = cameras.map { "  - {id: \($0), source: \(Fixtures.sampleClip), loop: true, detection: \"off\"}" }
            try (["store: {path: \(folder.appendingPathComponent("events.sqlite").path)}", "feed: {port: \(port)}", "cameras:"] + list)
                .joined(separator: "\n").write(to: config, atomically: true, encoding: .utf8)
        }
        func cameras() async -> [String: String] {
            guard let url = URL(string: "http://127.0.0.1:\(port)/status"),
                  let (data, _) = try? await URLSession.shared.data(from: url),
                  let status = try? JSONDecoder().decode(Status.self, from: data) else { return [:] }
            return Dictionary(uniqueKeysWithValues: status.cameras.map { ($0.id, $0.state) })
        }
        func eventually(_ seconds: Double, _ condition: ([String: String]) -> Bool) async -> [String: String] {
            let deadline = Date().addingTimeInterval(seconds)
            var last: [String: String] = [:]
            while Date() < deadline {
                last = await cameras()
                if condition(last) { return last }
                try? await Task.sleep(for: .milliseconds(200))
            }
            return last
        }

        func answer(_ path: String) async -> (status: Int, body: String) {
            guard let url = URL(string: "http://127.0.0.1:\(port)\(path)"),
                  let (data, response) = try? await URLSession.shared.data(from: url) else { return (0, "") }
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        }
        func snapshotServed(_ camera: String) async throws -> Bool {
            for _ in 0..<50 {
                if await answer("/cameras/\(camera)/snapshot.jpg").status == 200 { return true }
                try await Task.sleep(for: .milliseconds(200))
            }
            return false
        }

        try write(["cam1", "cam2"])
        let daemon = try start(config)
        defer {
            kill(daemon.processIdentifier, SIGTERM)
            daemon.waitUntilExit()
        }
        var seen = await eventually(30) { $0["cam1"] == "online" && $0["cam2"] == "online" }
        #expect(seen == ["cam1": "online", "cam2": "online"])
        #expect(try await snapshotServed("cam2"))

        #expect(await answer("/expected").body == #"{"codes":[],"count":0}"#)
        try write(["cam1", "cam3"])
        try "MSKU4135329\n".write(to: folder.appendingPathComponent("expected-containers.txt"), atomically: true, encoding: .utf8)
        kill(daemon.processIdentifier, SIGHUP)
        seen = await eventually(15) { $0["cam3"] == "online" && $0["cam2"] == nil }
        #expect(seen == ["cam1": "online", "cam3": "online"])
        // The expected containers' file is read again with the configuration.
        #expect(await answer("/expected").body == #"{"codes":["MSKU4135329"],"count":1}"#)
        // The removed camera is gone everywhere: /readyz no longer waits for it, and its last frame
        // is no longer served.
        let ready = await answer("/readyz")
        #expect(ready.status == 200 && !ready.body.contains("cam2"), "\(ready)")
        #expect(await answer("/cameras/cam2/snapshot.jpg").status == 404)
        #expect(try await snapshotServed("cam1"), "a camera that stays keeps its picture")

        try "cameras: [".write(to: config, atomically: true, encoding: .utf8)  // broken: nothing changes
        kill(daemon.processIdentifier, SIGHUP)
        try await Task.sleep(for: .seconds(1))
        #expect(await cameras() == ["cam1": "online", "cam3": "online"])

        // A plate pattern that does not compile, or a lane naming an unknown camera, fails the
        // whole reload: the camera added beside it is not started.
        for bad in ["plates: {patterns: {fleet: 'LL?'}}", "lanes: [{id: lane-1, cameras: [cam9]}]"] {
            try write(["cam1", "cam3", "cam4"])
            try (String(contentsOf: config, encoding: .utf8) + "\n" + bad).write(to: config, atomically: true, encoding: .utf8)
            kill(daemon.processIdentifier, SIGHUP)
            try await Task.sleep(for: .seconds(1))
            #expect(await cameras() == ["cam1": "online", "cam3": "online"], "\(bad)")
        }
    }
}
