import ContainerCode
@testable import Daemon
import Feed
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import Testing
import TestSupport

@Suite("Expected containers in the daemon")
struct ExpectedListTests {
    static let logger = Logger(label: "expected-tests", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test("codes: the level announced and the list's file, with errors naming the key")
    func config() throws {
        let config = try ConfigLoader.decode(DaemonConfig.self, yaml: """
            store: {path: /var/lib/portsight/events.sqlite}
            codes: {identify_level: 2}
            cameras: [{id: cam1, source: a.mp4}]
            """, file: "test.yml")
        #expect(config.codes.identifyLevel == .repeated)
        #expect(config.codes.expectedPath(storePath: config.store.path) == "/var/lib/portsight/expected-containers.txt")
        let named = try ConfigLoader.decode(DaemonConfig.self, yaml: "codes: {expected: /etc/portsight/due.txt}\ncameras: [{id: cam1, source: a.mp4}]\n",
                                            file: "test.yml")
        #expect(named.codes.expectedPath(storePath: named.store.path) == "/etc/portsight/due.txt")
        #expect(named.codes.identifyLevel == .checkDigit)
        #expect(throws: ConfigError.self) {
            try ConfigLoader.decode(DaemonConfig.self, yaml: "codes: {identify_level: 4}\ncameras: [{id: cam1, source: a.mp4}]\n", file: "test.yml")
        }
        do {
            _ = try ConfigLoader.decode(DaemonConfig.self, yaml: "codes: {identify_level: 4}\ncameras: [{id: cam1, source: a.mp4}]\n", file: "test.yml")
        } catch {
            #expect("\(error)".contains("codes.identify_level"))
            #expect("\(error)".contains("expected 0 (check digit not seen)"))
        }
    }

    @Test("the keeper loads, replaces atomically, reloads, and keeps its list when a new one is bad or cannot be saved")
    func keeper() throws {
        let folder = try Fixtures.temporaryFolder()
        let path = folder.appendingPathComponent("lists/expected.txt").path
        let keeper = ExpectedListKeeper(path: path, logger: Self.logger)
        keeper.reload()  // no file yet: an empty list
        #expect(keeper.expectedCodes().isEmpty)

        #expect(try keeper.replaceExpected(text: "MSKU4135329\n# pre-advice 7\nCSQU 305438 3\n") == 2)
        #expect(keeper.expectedCodes() == ["CSQU3054383", "MSKU4135329"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "CSQU3054383\nMSKU4135329\n")

        #expect(throws: ExpectedListRejection.self) { try keeper.replaceExpected(text: "CSQU3054384\n") }
        #expect(keeper.containers.codes.count == 2)

        // The operator edits the file and sends SIGHUP.
        try "DFSU4382559\n".write(toFile: path, atomically: true, encoding: .utf8)
        keeper.reload()
        #expect(keeper.expectedCodes() == ["DFSU4382559"])
        try "DFSU4382559\nnot a code\n".write(toFile: path, atomically: true, encoding: .utf8)
        keeper.reload()
        #expect(keeper.expectedCodes() == ["DFSU4382559"])

        // A folder that cannot be made (a file is in its way): not saved, the list stays.
        try Data().write(to: folder.appendingPathComponent("blocked"))
        let blocked = ExpectedListKeeper(path: folder.appendingPathComponent("blocked/expected.txt").path, logger: Self.logger)
        do {
            _ = try blocked.replaceExpected(text: "MSKU4135329\n")
            Issue.record("a list that cannot be saved was taken")
        } catch {
            guard case let .notSaved(message) = error else { Issue.record("wrong error \(error)"); return }
            #expect(message.contains("blocked/expected.txt"))
        }
        #expect(blocked.expectedCodes().isEmpty)
    }

    @Test("PUT /expected on a running daemon changes the list, writes its file, and a restarted daemon has it")
    func overHTTP() async throws {
        let folder = try Fixtures.temporaryFolder()
        let token = "0123456789abcdef-secret"
        let file = folder.appendingPathComponent("portsight.yml")
        try """
            store: {path: \(folder.appendingPathComponent("events.sqlite").path)}
            feed: {port: 8080, token: \(token)}
            cameras:
              - {id: gate3, source: \(Fixtures.sampleClip), realtime: false, read_codes: false, detection: off}
            """.write(to: file, atomically: true, encoding: .utf8)
        var settings = try ConfigLoader.load(DaemonConfig.self, from: file.path)
        settings.feed.port = 0

        func request(_ port: Int, method: String, body: String? = nil) async throws -> (Int, String) {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/expected")!)
            request.httpMethod = method
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            request.httpBody = body.map { Data($0.utf8) }
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        }

        for round in 0..<2 {
            let daemon = try PortsightDaemon(settings: settings, options: PortsightDaemon.Options(version: "test"), logger: Self.logger)
            let running = Task { try await daemon.run() }
            let port = try #require(await daemon.ready()).port
            if round == 0 {
                #expect(try await request(port, method: "GET") == (200, #"{"codes":[],"count":0}"#))
                #expect(try await request(port, method: "PUT", body: "MSKU4135329\nCSQU3054383\n") == (200, #"{"count":2}"#))
                let (status, body) = try await request(port, method: "PUT", body: "MSKU4135320\n")
                #expect(status == 400)
                #expect(body.contains("line 1: 'MSKU4135320' is not a valid container code"))
            }
            // The second daemon starts from the file the first one wrote.
            #expect(try await request(port, method: "GET") == (200, #"{"codes":["CSQU3054383","MSKU4135329"],"count":2}"#))
            await daemon.shutdown()
            try await running.value
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("expected-containers.txt").path))
    }
}
