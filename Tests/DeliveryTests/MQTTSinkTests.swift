import Delivery
import Events
import Foundation
import Logging
import Metrics
import Synchronization
import Testing
import TestSupport

/// The suites that use the test broker: one at a time, since some of them restart it.
@Suite("Against the test broker", .serialized, .enabled(if: MQTTBroker.fromEnvironment != nil, MQTTBroker.skipReason))
struct BrokerSuites {}

extension BrokerSuites {
    /// The MQTT sink against a real broker (Debian's mosquitto on loopback, started by scripts/test).
    @Suite("MQTT sink")
    struct MQTTSinkTests {
        let broker = MQTTBroker.fromEnvironment!

        func settings(_ site: String, port: Int? = nil) -> MQTTSinkSettings {
            var settings = MQTTSinkSettings(name: "broker", host: "127.0.0.1", port: port ?? broker.port,
                                            clientID: "portsight-\(site)", site: site, version: "test")
            settings.connectTimeout = .seconds(3)
            return settings
        }

        static func event(_ index: Int, camera: String) -> NewEvent {
            NewEvent(id: "\(camera)-\(index)", type: index % 2 == 0 ? .objectEntered : .lineCrossed, camera: camera,
                     time: Date(), mediaTimeS: Double(index))
        }

        /// Runs `runner` until `done` holds (checked every 50 ms) or `seconds` pass; returns whether it held.
        static func run(_ runner: SinkRunner, until done: @escaping @Sendable () async -> Bool, within seconds: Double) async -> Bool {
            let task = Task { await runner.run() }
            let held = await eventually(timeout: .seconds(seconds), done)
            task.cancel()
            await task.value
            return held
        }

        @Test("each event is published once at QoS 1 on portsight/<site>/<camera>/events/<type> with its feed JSON; the status is retained")
        func publishesEvents() async throws {
            let site = "t\(UInt32.random(in: 0...UInt32.max))"
            let subscriber = try await MQTTSubscriber(broker: broker, topic: "portsight/\(site)/#")
            defer { subscriber.stop() }
            let store = InMemoryEventStore()
            let stored = try await store.append((0..<40).map { Self.event($0, camera: $0 < 20 ? "gate1" : "gate2") })
            let sink = MQTTSink(settings: settings(site), logger: quietLogger)
            let runner = SinkRunner(sink: sink, store: store, settings: DeliveryTestSupport.quickRetries, logger: quietLogger,
                                    metricsFactory: NOOPMetricsHandler.instance)
            let caughtUp = await Self.run(runner, until: { await store.cursor(forSink: "broker") == 40 }, within: 20)
            #expect(caughtUp)
            try await Task.sleep(for: .milliseconds(300))

            let messages = subscriber.messages()
            let events = messages.filter { $0.topic.contains("/events/") }
            #expect(events.count == 40)
            let encoder = EventJSON.makeEncoder()
            for (message, event) in zip(events, stored) {
                #expect(message.topic == "portsight/\(site)/\(event.camera)/events/\(event.type.rawValue)")
                #expect(message.payload == String(decoding: try encoder.encode(event), as: UTF8.self))
            }
            // Online on connect, offline on the clean stop (a clean disconnect sends no will).
            let statuses = messages.filter { $0.topic == "portsight/\(site)/status" }.map(\.payload)
            #expect(statuses.first?.contains("\"state\":\"online\"") == true)
            #expect(statuses.last?.contains("\"state\":\"offline\"") == true)
            // Retained: a late subscriber gets the last status at once.
            let late = try await MQTTSubscriber(broker: broker, topic: "portsight/\(site)/status")
            defer { late.stop() }
            try await Task.sleep(for: .milliseconds(300))
            #expect(late.messages().last?.payload.contains("\"state\":\"offline\"") == true)
        }

        @Test("a broker that refuses the credentials: state retrying, the error says so, the cursor stays, nothing blocks")
        func refusedCredentials() async throws {
            let store = InMemoryEventStore()
            _ = try await store.append((0..<5).map { Self.event($0, camera: "gate1") })
            var wrong = settings("refused", port: broker.authPort)
            wrong.username = "portsight"
            wrong.password = "not-the-password"
            let reports = Mutex<[SinkStatus]>([])
            let runner = SinkRunner(sink: MQTTSink(settings: wrong, logger: quietLogger), store: store, settings: DeliveryTestSupport.quickRetries,
                                    logger: quietLogger, metricsFactory: NOOPMetricsHandler.instance) { progress in
                reports.withLock { $0.append(progress) }
            }
            let sawRefusal = await Self.run(runner, until: {
                reports.withLock { $0.contains { $0.state == .retrying && $0.failures >= 2 } }
            }, within: 20)
            #expect(sawRefusal)
            let last = reports.withLock { $0.last { $0.state == .retrying } }
            #expect(last?.lastError?.contains("not authorised") == true, "\(String(describing: last?.lastError))")
            #expect(last?.lastError?.contains("127.0.0.1:\(broker.authPort)") == true)
            #expect(await store.cursor(forSink: "broker") == 0)

            // The right password delivers.
            var right = wrong
            right.password = broker.password
            let runnerWithPassword = SinkRunner(sink: MQTTSink(settings: right, logger: quietLogger), store: store,
                                                settings: DeliveryTestSupport.quickRetries, logger: quietLogger,
                                                metricsFactory: NOOPMetricsHandler.instance)
            #expect(await Self.run(runnerWithPassword, until: { await store.cursor(forSink: "broker") == 5 }, within: 20))
        }

        @Test("a broker that is not there: state retrying with the reason, and the cursor stays")
        func brokerAway() async throws {
            let store = InMemoryEventStore()
            _ = try await store.append((0..<5).map { Self.event($0, camera: "gate1") })
            let reports = Mutex<[SinkStatus]>([])
            // Port 9 (discard) has no listener on loopback here: connection refused at once.
            let runner = SinkRunner(sink: MQTTSink(settings: settings("away", port: 9), logger: quietLogger), store: store,
                                    settings: DeliveryTestSupport.quickRetries, logger: quietLogger, metricsFactory: NOOPMetricsHandler.instance) {
                progress in reports.withLock { $0.append(progress) }
            }
            #expect(await Self.run(runner, until: { reports.withLock { $0.contains { $0.failures >= 2 } } }, within: 20))
            let last = reports.withLock { $0.last { $0.state == .retrying } }
            #expect(last?.lastError?.contains("Connection refused") == true)
            #expect(await store.cursor(forSink: "broker") == 0)
        }

        @Test("TLS: a broker whose certificate the configured CA signed takes the events; without that CA the error says why",
              .enabled(if: MQTTBroker.fromEnvironment?.tlsPort != nil, "the test broker has no TLS listener"))
        func tls() async throws {
            let store = InMemoryEventStore()
            _ = try await store.append((0..<5).map { Self.event($0, camera: "gate1") })
            var trusted = settings("tls", port: broker.tlsPort)
            trusted.tls = true
            trusted.caFile = broker.folder + "/ca.pem"
            let runner = SinkRunner(sink: MQTTSink(settings: trusted, logger: quietLogger), store: store,
                                    settings: DeliveryTestSupport.quickRetries, logger: quietLogger, metricsFactory: NOOPMetricsHandler.instance)
            #expect(await Self.run(runner, until: { await store.cursor(forSink: "broker") == 5 }, within: 20))

            // The system's CAs do not know the test CA.
            let other = InMemoryEventStore()
            _ = try await other.append([Self.event(0, camera: "gate1")])
            var untrusted = trusted
            untrusted.caFile = nil
            untrusted.connectTimeout = .seconds(2)
            let reports = Mutex<[SinkStatus]>([])
            let refused = SinkRunner(sink: MQTTSink(settings: untrusted, logger: quietLogger), store: other,
                                     settings: DeliveryTestSupport.quickRetries, logger: quietLogger,
                                     metricsFactory: NOOPMetricsHandler.instance) { progress in
                reports.withLock { $0.append(progress) }
            }
            #expect(await Self.run(refused, until: { reports.withLock { $0.contains { $0.state == .retrying } } }, within: 20))
            let error = reports.withLock { $0.last { $0.state == .retrying }?.lastError } ?? ""
            #expect(error.contains("certificate verify failed"), "\(error)")
            #expect(await other.cursor(forSink: "broker") == 0)
        }

        @Test("thousands of events across a broker restart: every seq arrives at least once and in order per camera")
        func brokerRestart() async throws {
            let site = "r\(UInt32.random(in: 0...UInt32.max))"
            let subscriber = try await MQTTSubscriber(broker: broker, topic: "portsight/\(site)/#")
            defer { subscriber.stop() }
            let folder = try Fixtures.temporaryFolder("mqtt-restart")
            let store = try SQLiteEventStore(path: folder.appendingPathComponent("events.db").path,
                                             options: .init(synchronous: .normal), logger: quietLogger)
            let runner = SinkRunner(sink: MQTTSink(settings: settings(site), logger: quietLogger), store: store,
                                    settings: DeliveryTestSupport.quickRetries, logger: quietLogger, metricsFactory: NOOPMetricsHandler.instance)
            let task = Task { await runner.run() }
            defer { task.cancel() }
            let cameras = ["gate1", "gate2", "quay1"]
            for round in 0..<6 {
                let batch = (0..<500).map { Self.event(round * 500 + $0, camera: cameras[$0 % 3]) }
                _ = try await store.append(batch)
                runner.eventsCommitted()
                if round == 2 {
                    // Mid-stream: the broker goes away with publishes in flight, and comes back.
                    try await Task.sleep(for: .milliseconds(100))
                    try broker.stop()
                    try await Task.sleep(for: .milliseconds(500))
                    try broker.start()
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            let last = try await store.lastSequence
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, try await store.cursor(forSink: "broker") < last {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(try await store.cursor(forSink: "broker") == last)
            // The broker holds what was published while the subscriber was away, until
            // mosquitto_sub's own reconnect (its backoff can outlast the sink's): wait for it.
            func received() -> DeliveryCheck {
                DeliveryCheck(subscriber.messages().filter { $0.topic.contains("/events/") }.map(\.payload))
            }
            let subscriberDeadline = Date().addingTimeInterval(30)
            var report = received()
            while Date() < subscriberDeadline, !report.missing(upTo: last).isEmpty {
                try await Task.sleep(for: .milliseconds(200))
                report = received()
            }
            #expect(report.missing(upTo: last).isEmpty, "missing seqs: \(report.missing(upTo: last).prefix(20))")
            #expect(report.outOfOrderCameras.isEmpty, "out of order: \(report.outOfOrderCameras)")
        }
    }

}

/// What a consumer saw: seqs by camera, in arrival order, duplicates kept.
struct DeliveryCheck {
    struct Seen: Decodable {
        var seq: Int64
        var camera: String
    }

    var arrivals: [Seen]

    init(_ payloads: [String]) {
        arrivals = payloads.compactMap { try? JSONDecoder().decode(Seen.self, from: Data($0.utf8)) }
    }

    /// Seqs from 1 through `last` that never arrived.
    func missing(upTo last: Int64) -> [Int64] {
        let seen = Set(arrivals.map(\.seq))
        return (1...max(last, 1)).filter { !seen.contains($0) }
    }

    /// Cameras whose first arrivals are not in increasing seq order (a resend after a reconnect
    /// repeats seqs already seen; a consumer drops those by seq, so only first arrivals count).
    var outOfOrderCameras: [String] {
        var seen = Set<Int64>()
        var lastByCamera: [String: Int64] = [:]
        var bad = Set<String>()
        for arrival in arrivals where seen.insert(arrival.seq).inserted {
            if let previous = lastByCamera[arrival.camera], arrival.seq < previous { bad.insert(arrival.camera) }
            lastByCamera[arrival.camera] = arrival.seq
        }
        return bad.sorted()
    }
}
