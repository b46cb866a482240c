import Daemon
import Foundation
import Testing

@Suite("Sink configuration")
struct SinkConfigTests {
    let cameras = "cameras:\n  - {id: cam1, source: a.mp4}\n"

    func load(_ sinks: String) throws -> DaemonConfig {
        try ConfigLoader.decode(DaemonConfig.self, yaml: "site: north\n" + cameras + "sinks:\n" + sinks, file: "test.yml")
    }

    @Test("MQTT and webhook sinks load, with defaults for what is left out")
    func loads() throws {
        let config = try load("""
              - {name: broker, type: mqtt, host: 10.0.0.5}
              - {name: tos, type: webhook, url: "https://tos.example/hook", secret: "0123456789abcdef"}
            """)
        #expect(config.sinks.count == 2)
        #expect(config.sinks.allSatisfy { $0.problem == nil })
        guard case .mqtt(let mqtt) = config.sinks[0].sink, case .webhook(let hook) = config.sinks[1].sink else {
            Issue.record("wrong kinds: \(config.sinks)")
            return
        }
        #expect(mqtt.port == 1883 && mqtt.window == 256 && mqtt.topicPrefix == "portsight" && !mqtt.tls && mqtt.clientID == nil)
        #expect(hook.batch == 100 && hook.timeoutSeconds == 10 && hook.secret == "0123456789abcdef")
    }

    @Test("a broken sink is kept with its file, line and key; the config and the other sinks still load")
    func brokenSinkIsKept() throws {
        let config = try load("""
              - {name: broker, type: mqtt, host: 10.0.0.5}
              - name: tos
                type: webhook
                url: "ftp://tos.example/hook"
              - {name: other, type: carrier-pigeon}
            """)
        #expect(config.sinks.map(\.name) == ["broker", "tos", "other"])
        #expect(config.sinks[0].problem == nil && config.sinks[0].sink != nil)
        let url = try #require(config.sinks[1].problem)
        #expect(url.key == "sinks[1].url" && url.line == 8 && url.message.contains("http:// or https://"))
        #expect(url.description.hasPrefix("test.yml:8: sinks[1].url:"))
        #expect(config.sinks[2].problem?.key == "sinks[2].type")
        #expect(config.sinks[2].problem?.message == "expected mqtt or webhook")
    }

    @Test("settings that cannot work are named: unknown keys, a password without a user, a missing CA file, a short secret")
    func invalidSettings() throws {
        let config = try load("""
              - {name: a, type: mqtt, host: h, hots: x}
              - {name: b, type: mqtt, host: h, password: p}
              - {name: c, type: mqtt, host: h, tls: true, ca_file: /nonexistent/ca.pem}
              - {name: d, type: webhook, url: "https://h/x", secret: short}
              - {name: "e f", type: webhook, url: "https://h/x"}
              - {name: g, type: mqtt, host: h, password_file: /nonexistent/password, username: u}
            """)
        let problems = config.sinks.map { $0.problem?.key ?? "" }
        #expect(problems == ["sinks[0].hots", "sinks[1].password", "sinks[2].ca_file", "sinks[3].secret", "sinks[4].name",
                             "sinks[5].password_file"])
        #expect(config.sinks[2].problem?.message == "cannot read /nonexistent/ca.pem")
    }

    @Test("a secret can come from a file, its trailing newline dropped")
    func secretFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("portsight-secret-\(UUID().uuidString)")
        try "from-a-file-0123456789\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let config = try load("  - {name: tos, type: webhook, url: \"https://h/x\", secret_file: \(file.path)}\n")
        guard case .webhook(let hook) = config.sinks[0].sink else {
            Issue.record("not loaded: \(String(describing: config.sinks[0].problem))")
            return
        }
        #expect(hook.secret == "from-a-file-0123456789")
    }

    @Test("two sinks with one name: the second is refused (they would share a cursor)")
    func duplicateNames() throws {
        let config = try load("""
              - {name: broker, type: mqtt, host: a}
              - {name: broker, type: mqtt, host: b}
            """)
        #expect(config.sinks[0].problem == nil)
        #expect(config.sinks[1].problem?.key == "sinks[1].name")
        #expect(config.sinks[1].problem?.message.contains("used twice") == true)
    }
}
