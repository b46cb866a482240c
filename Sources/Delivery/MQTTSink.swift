import Events
import Foundation
import Logging
import MQTTShim

/// Publishes events to an MQTT broker at QoS 1, one message per event on
/// `<prefix>/<site>/<camera>/events/<type>`, with the event's JSON (as `/events` serves it).
/// A batch counts as delivered only when the broker has acknowledged every message of it.
///
/// Its status is retained on `<prefix>/<site>/status`: `online` on every connect, `offline` on a
/// clean stop and, as the last will, when the daemon vanishes. A connection that is refused,
/// drops or stops acknowledging is thrown away; the runner pauses and the next batch opens a new
/// one and publishes again from the durable cursor.
public actor MQTTSink: EventSink {
    public nonisolated let name: String
    public nonisolated let kind = "mqtt"
    public nonisolated let batchLimit: Int

    private let settings: MQTTSinkSettings
    private let logger: Logger
    private let bell = Doorbell()
    private let encoder = EventJSON.makeEncoder()
    private var client: MQTTClient?

    /// Creates the sink; it connects on its first use.
    public init(settings: MQTTSinkSettings, logger: Logger) {
        name = settings.name
        batchLimit = max(1, settings.window)
        self.settings = settings
        var logger = logger
        logger[metadataKey: "sink"] = "\(settings.name)"
        self.logger = logger
    }

    public func deliver(_ events: [StoredEvent]) async throws(SinkError) -> DeliveryResult {
        let client = try await connectedClient()
        var pending = Set<Int32>()
        pending.reserveCapacity(events.count)
        do throws(SinkError) {
            for event in events {
                let payload: Data
                do {
                    payload = try encoder.encode(event)
                } catch {
                    throw SinkError(.misconfigured, "MQTT: event \(event.seq) cannot be encoded: \(error)")
                }
                pending.insert(try client.publish(topic: settings.topic(camera: event.camera, type: event.type.rawValue),
                                                  payload: payload))
            }
            try await awaitAcks(&pending, client: client)
        } catch {
            await drop(client)
            throw error
        }
        return .delivered
    }

    public func keepAlive() async throws(SinkError) {
        _ = try await connectedClient()
    }

    public func close() async {
        guard let client else { return }
        self.client = nil
        await BlockingCall.run("mqtt-close") { client.close(announceOffline: true) }
    }

    private func awaitAcks(_ pending: inout Set<Int32>, client: MQTTClient) async throws(SinkError) {
        let clock = ContinuousClock()
        let deadline = clock.now + settings.ackTimeout
        while true {
            client.takeAcks { pending.remove($0) }
            if pending.isEmpty { return }
            // Stopping: the bell no longer waits, so leave rather than spin; the cursor stays.
            if Task.isCancelled { throw SinkError(.unavailable, "MQTT: stopped before the broker acknowledged") }
            let connection = client.connection
            guard connection.state == MQS_CONNECTED else {
                throw SinkError(.unavailable, "MQTT \(settings.host):\(settings.port): \(connection.reason)")
            }
            let left = deadline - clock.now
            guard left > .zero else {
                throw SinkError(.unavailable, """
                    MQTT \(settings.host):\(settings.port): the broker did not acknowledge \(pending.count) messages \
                    within \(settings.ackTimeout); reconnecting
                    """)
            }
            await bell.wait(upTo: min(left, .milliseconds(250)))
        }
    }

    /// The connected client, connecting first when there is none or it was lost.
    private func connectedClient() async throws(SinkError) -> MQTTClient {
        if let client {
            let connection = client.connection
            if connection.state == MQS_CONNECTED { return client }
            await drop(client)
        }
        let options = self.options, bell = self.bell
        let fresh = try await BlockingCall.run("mqtt-connect") { () throws(SinkError) in try MQTTClient(options, bell: bell) }
        client = fresh
        let clock = ContinuousClock()
        let deadline = clock.now + settings.connectTimeout
        while true {
            let connection = fresh.connection
            switch connection.state {
            case MQS_CONNECTED:
                logger.info("connected to the MQTT broker", metadata: [
                    "broker": "\(settings.host):\(settings.port)", "client_id": "\(settings.clientID)",
                ])
                return fresh
            case MQS_REFUSED:
                await drop(fresh)
                throw SinkError(.refused, "MQTT \(settings.host):\(settings.port): \(connection.reason); check the username and password")
            case MQS_FAILED, MQS_LOST:
                await drop(fresh)
                throw SinkError(.unavailable, "MQTT \(settings.host):\(settings.port): \(connection.reason)")
            default:
                if Task.isCancelled {
                    await drop(fresh)
                    throw SinkError(.unavailable, "MQTT: stopped while connecting")
                }
                let left = deadline - clock.now
                guard left > .zero else {
                    await drop(fresh)
                    let why = connection.reason.isEmpty ? "check the host, the port and the TLS settings" : connection.reason
                    throw SinkError(.unavailable, "MQTT \(settings.host):\(settings.port): not connected within \(settings.connectTimeout): \(why)")
                }
                await bell.wait(upTo: min(left, .milliseconds(250)))
            }
        }
    }

    private func drop(_ client: MQTTClient) async {
        if self.client === client { self.client = nil }
        await BlockingCall.run("mqtt-close") { client.close(announceOffline: false) }
    }

    private var options: MQTTClientOptions {
        let since = ISO8601DateFormatter().string(from: Date())
        func status(_ state: String) -> String {
            // Built by hand: five plain fields, and the order stays stable for people reading it.
            "{\"state\":\"\(state)\",\"site\":\(quoted(settings.site)),\"client_id\":\(quoted(settings.clientID)),"
                + "\"version\":\(quoted(settings.version)),\"since\":\"\(since)\"}"
        }
        return MQTTClientOptions(
            host: settings.host, port: settings.port, keepaliveSeconds: Int(settings.keepalive.components.seconds),
            clientID: settings.clientID, username: settings.username, password: settings.password, tls: settings.tls,
            caFile: settings.caFile, certFile: settings.certFile, keyFile: settings.keyFile, tlsInsecure: settings.tlsInsecure,
            statusTopic: settings.statusTopic, onlinePayload: status("online"), offlinePayload: status("offline"),
            maxInflight: settings.window)
    }

    private func quoted(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
