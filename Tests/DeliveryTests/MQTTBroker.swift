import Foundation
import Glibc
import Testing
import TestSupport

/// The test broker that scripts/test starts (Debian's mosquitto on loopback; scripts/mqtt-broker),
/// and a real subscriber (mosquitto_sub) that writes what it receives to a file.
struct MQTTBroker: Sendable {
    let folder: String
    let port: Int
    let authPort: Int
    /// A TLS listener whose certificate the test CA (`folder/ca.pem`) signed; nil when not started.
    let tlsPort: Int?

    /// The broker from the environment, or nil when the tests run without one.
    static let fromEnvironment: MQTTBroker? = {
        let environment = ProcessInfo.processInfo.environment
        guard let folder = environment["PORTSIGHT_TEST_MQTT_DIR"],
              let port = environment["PORTSIGHT_TEST_MQTT_PORT"].flatMap(Int.init),
              let authPort = environment["PORTSIGHT_TEST_MQTT_AUTH_PORT"].flatMap(Int.init) else { return nil }
        return MQTTBroker(folder: folder, port: port, authPort: authPort,
                          tlsPort: environment["PORTSIGHT_TEST_MQTT_TLS_PORT"].flatMap(Int.init))
    }()

    static let skipReason: Comment = "no test broker: run scripts/test, which starts mosquitto on loopback"

    /// The password of user `portsight` on `authPort`.
    var password: String {
        (try? String(contentsOfFile: folder + "/password", encoding: .utf8))?.trimmingCharacters(in: .newlines) ?? ""
    }

    /// Stops the broker (SIGTERM: it saves its sessions and queued messages).
    func stop() throws {
        try Self.script(["stop", folder])
    }

    /// Starts it again on the same ports and folder.
    func start() throws {
        try Self.script(["start", folder, "\(port)", "\(authPort)"] + (tlsPort.map { ["\($0)"] } ?? []))
    }

    private static func script(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = Fixtures.root.appendingPathComponent("scripts/mqtt-broker")
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BrokerError(message: "scripts/mqtt-broker \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
    }

    struct BrokerError: Error {
        var message: String
    }
}

/// `mosquitto_sub` at QoS 1 with a persistent session, so messages published while it is away
/// (the broker restarting) are kept for it. Each message is one line: `topic payload`.
final class MQTTSubscriber: @unchecked Sendable {
    // Set once in init, then read only.
    private let process = Process()
    private let output: URL

    /// Subscribes to `topic` as client `id` and waits until the broker has the subscription.
    init(broker: MQTTBroker, topic: String, id: String = "portsight-test-\(UUID().uuidString.prefix(8))") async throws {
        output = try Fixtures.temporaryFolder("mqtt-sub").appendingPathComponent("messages.txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        // Line-buffered, so the file holds each line as soon as it is printed.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/stdbuf")
        process.arguments = ["-oL", "/usr/bin/mosquitto_sub", "-h", "127.0.0.1", "-p", "\(broker.port)", "-q", "1", "-c", "-i", id, "-t", topic, "-F", "%t %p", "-d"]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        // -d prints the broker's SUBACK: from then on nothing published is missed.
        for _ in 0..<100 where !lines().contains(where: { $0.contains("SUBACK") }) {
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// One message as received.
    struct Message {
        var topic: String
        var payload: String
    }

    /// The messages received so far, in arrival order.
    func messages() -> [Message] {
        lines().compactMap { line in
            // Debug lines start with "Client"; messages with a topic, which never has a space.
            guard !line.hasPrefix("Client "), let space = line.firstIndex(of: " ") else { return nil }
            return Message(topic: String(line[..<space]), payload: String(line[line.index(after: space)...]))
        }
    }

    /// Stops the subscriber.
    func stop() {
        guard process.isRunning else { return }
        // SIGKILL: a child of the test runner may inherit a mask that blocks SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        // Polled: waitUntilExit spins a run loop that can wait forever on a concurrency thread.
        for _ in 0..<100 where process.isRunning { usleep(20_000) }
    }

    private func lines() -> [String] {
        guard let text = try? String(contentsOf: output, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init)
    }
}
