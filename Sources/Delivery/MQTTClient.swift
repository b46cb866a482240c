import Foundation
import MQTTShim
import Timing

/// Owns one libmosquitto client (through the shim): publishes, acknowledgements, connection state.
/// The client has its own network thread, which rings `bell` on every acknowledgement and
/// connection change. Not shared: one `MQTTSink` owns it and calls it one call at a time, some of
/// them (creating, closing) on a thread of their own (`BlockingCall`); the shim locks its own state.
final class MQTTClient: @unchecked Sendable {
    /// Where the connection stands, and why it failed.
    struct Connection {
        var state: mqs_state
        var connections: UInt32
        var reason: String
    }

    private let handle: OpaquePointer
    private let bell: Doorbell
    private var acks = [Int32](repeating: 0, count: 1024)
    private var closed = false

    /// Creates the client and starts connecting. Throws `misconfigured` for options libmosquitto
    /// refuses (a TLS file it cannot use).
    init(_ options: MQTTClientOptions, bell: Doorbell) throws(SinkError) {
        self.bell = bell
        var error = [CChar](repeating: 0, count: 512)
        var created: OpaquePointer?
        let strings = [options.host, options.clientID, options.username, options.password, options.caFile, options.certFile,
                       options.keyFile, options.statusTopic, options.onlinePayload, options.offlinePayload]
        let copies = strings.map { $0.flatMap { strdup($0) } }
        defer { copies.forEach { free($0) } }
        var raw = mqs_options(
            host: copies[0], port: Int32(options.port), keepalive_s: Int32(options.keepaliveSeconds),
            client_id: copies[1], username: copies[2], password: copies[3], tls: options.tls, tls_ca_file: copies[4],
            tls_cert_file: copies[5], tls_key_file: copies[6], tls_insecure: options.tlsInsecure, status_topic: copies[7],
            online_payload: copies[8], offline_payload: copies[9], max_inflight: Int32(options.maxInflight))
        let context = Unmanaged.passUnretained(bell).toOpaque()
        let rc = mqs_client_create(&raw, { context in
            guard let context else { return }
            Unmanaged<Doorbell>.fromOpaque(context).takeUnretainedValue().ring()
        }, context, &created, &error, error.count)
        guard rc == 0, let created else {
            throw SinkError(.misconfigured, "MQTT: " + String(cBuffer: error))
        }
        handle = created
    }

    deinit {
        if !closed { mqs_client_destroy(handle, false, 0) }
    }

    /// Disconnects; with `announceOffline`, first publishes the retained offline status and waits
    /// up to `flush` for the broker to take it (a clean disconnect sends no will).
    func close(announceOffline: Bool, flush: Duration = .seconds(2)) {
        guard !closed else { return }
        closed = true
        mqs_client_destroy(handle, announceOffline, Int32(flush.inMilliseconds))
    }

    /// The connection's state now.
    var connection: Connection {
        var reason = [CChar](repeating: 0, count: 256)
        var connections: UInt32 = 0
        let state = mqs_get_state(handle, &connections, &reason, reason.count)
        return Connection(state: state, connections: connections, reason: String(cBuffer: reason))
    }

    /// Publishes at QoS 1; returns the message id to wait for.
    func publish(topic: String, payload: Data) throws(SinkError) -> Int32 {
        var mid: Int32 = 0
        var error = [CChar](repeating: 0, count: 256)
        let rc = payload.withUnsafeBytes { bytes in
            mqs_publish(handle, topic, bytes.baseAddress, Int32(bytes.count), &mid, &error, error.count)
        }
        guard rc == 0 else { throw SinkError(.unavailable, "MQTT: " + String(cBuffer: error)) }
        return mid
    }

    /// Calls `body` with each message id acknowledged since the last call.
    func takeAcks(_ body: (Int32) -> Void) {
        while true {
            let count = acks.withUnsafeMutableBufferPointer { mqs_take_acks(handle, $0.baseAddress, $0.count) }
            for index in 0..<count { body(acks[index]) }
            if count < acks.count { return }
        }
    }
}

/// What `MQTTClient` needs to connect.
struct MQTTClientOptions {
    var host: String
    var port: Int
    var keepaliveSeconds: Int
    var clientID: String
    var username: String?
    var password: String?
    var tls: Bool
    var caFile: String?
    var certFile: String?
    var keyFile: String?
    var tlsInsecure: Bool
    var statusTopic: String
    var onlinePayload: String
    var offlinePayload: String
    var maxInflight: Int
}

extension String {
    /// The text of a NUL-terminated C buffer the shim filled.
    init(cBuffer: [CChar]) {
        let bytes = cBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        self.init(decoding: bytes, as: UTF8.self)
    }
}
