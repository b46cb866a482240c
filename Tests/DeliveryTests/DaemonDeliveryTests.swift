import Delivery
import Feed
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Glibc
import Testing
import TestSupport

/// The whole path as an operator runs it: a real `portsight run` child with an MQTT sink (Debian's
/// mosquitto on loopback) and a webhook sink (a loopback receiver that fails one request in
/// three), events written into its store by another process, the broker restarted and the daemon
/// killed in the middle.
extension BrokerSuites {
    @Suite("Delivery through the daemon")
    struct DaemonDeliveryTests {
        static let portsight = Fixtures.builtExecutable("portsight")
        static let eventload = Fixtures.builtExecutable("portsight-eventload")
        static let ready = portsight != nil && eventload != nil && MQTTBroker.fromEnvironment != nil
        static let secret = "daemon-delivery-secret-0123456789"

        func status(_ port: Int) async -> StatusSnapshot? {
            await daemonStatus(port: port)
        }

        func load(_ count: Int, camera: String, into db: String) throws {
            let process = Process()
            process.executableURL = Self.eventload
            process.arguments = ["--db", db, "--count", "\(count)", "--batch", "50", "--camera", camera, "--snapshot-every", "0", "--quiet"]
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }

        @Test("every seq reaches the broker and the webhook at least once, in order per camera, across a broker restart and a daemon kill",
              .enabled(if: ready, "needs portsight, portsight-eventload and the test broker: run scripts/test"))
        func deliveryAcrossRestarts() async throws {
            let broker = MQTTBroker.fromEnvironment!
            let site = "e2e\(UInt32.random(in: 0...UInt32.max))"
            let subscriber = try await MQTTSubscriber(broker: broker, topic: "portsight/\(site)/#")
            defer { subscriber.stop() }
            let receiver = try await WebhookReceiver.start(secret: Self.secret) { index, _ in index % 3 == 2 ? .internalServerError : .ok }
            defer { Task { await receiver.stop() } }

            let folder = try Fixtures.temporaryFolder("daemon-delivery")
            let db = folder.appendingPathComponent("events.sqlite").path
            let port = Fixtures.freeLoopbackPort()
            let config = folder.appendingPathComponent("portsight.yml")
            // The camera points at nothing: it only adds its offline event, and no CPU.
            try """
                site: \(site)
                store: {path: \(db)}
                feed: {port: \(port)}
                cameras:
                  - {id: cam0, source: "http://127.0.0.1:9/none.mjpg", detection: "off", read_codes: false}
                sinks:
                  - {name: broker, type: mqtt, host: 127.0.0.1, port: \(broker.port), window: 100}
                  - {name: hook, type: webhook, url: "\(receiver.url)", secret: \(Self.secret), batch: 50}
                """.write(to: config, atomically: true, encoding: .utf8)
            func mqttEvents() -> [String] { subscriber.messages().filter { $0.topic.contains("/events/") }.map(\.payload) }

            try load(1000, camera: "gate1", into: db)
            var daemon = try Fixtures.startDaemon(config: config)
            #expect(await eventually(timeout: .seconds(60)) { mqttEvents().count >= 300 })

            // The broker goes away while the daemon delivers and more events come in; then it is back.
            try broker.stop()
            try load(1000, camera: "gate2", into: db)
            try await Task.sleep(for: .seconds(1))
            let duringOutage = await status(port)?.sinks.first { $0.name == "broker" }
            try broker.start()
            #expect(await eventually(timeout: .seconds(60)) { Set(DeliveryCheck(mqttEvents()).arrivals.map(\.seq)).count >= 1500 })

            // The daemon dies in the middle; events keep coming while it is down; it starts again.
            kill(daemon.processIdentifier, SIGKILL)
            daemon.waitUntilExit()
            try load(1000, camera: "quay1", into: db)
            daemon = try Fixtures.startDaemon(config: config)
            let caughtUp = await eventually(timeout: .seconds(90)) {
                guard let status = await status(port), status.store.lastSeq >= 3000 else { return false }
                return status.sinks.allSatisfy { $0.cursor == status.store.lastSeq }
            }
            let final = await status(port)
            #expect(caughtUp, "sinks: \(String(describing: final?.sinks))")
            let last = final?.store.lastSeq ?? 0
            kill(daemon.processIdentifier, SIGTERM)
            daemon.waitUntilExit()
            #expect(daemon.terminationStatus == 0)
            try await Task.sleep(for: .milliseconds(500))

            // While the broker was away the sink said so.
            #expect(duringOutage?.state == .retrying && duringOutage?.lastError?.contains("127.0.0.1:\(broker.port)") == true,
                    "during the outage: \(String(describing: duringOutage))")

            let mqtt = DeliveryCheck(mqttEvents())
            #expect(mqtt.missing(upTo: last).isEmpty, "MQTT missing \(mqtt.missing(upTo: last).count) seqs, first \(mqtt.missing(upTo: last).prefix(10))")
            #expect(mqtt.outOfOrderCameras.isEmpty)
            // The clean stop left the retained status offline.
            #expect(subscriber.messages().last { $0.topic.hasSuffix("/status") }?.payload.contains("\"state\":\"offline\"") == true)

            let requests = receiver.requests
            let accepted = requests.filter(\.accepted)
            #expect(requests.allSatisfy { $0.signed })
            #expect(requests.contains { !$0.accepted }, "the receiver failed some requests")
            let hookSeqs = accepted.flatMap(\.seqs)
            let hookMissing = Set(1...max(last, 1)).subtracting(hookSeqs)
            #expect(hookMissing.isEmpty, "webhook missing \(hookMissing.count) seqs")
            var firstArrivals: [Int64] = []
            var seen = Set<Int64>()
            for seq in hookSeqs where seen.insert(seq).inserted { firstArrivals.append(seq) }
            #expect(firstArrivals == firstArrivals.sorted(), "webhook first arrivals are in seq order")
        }
    }
}
