import Foundation

/// One entry of `sinks:`. A sink whose settings do not load is kept as `problem`, so that the
/// daemon runs its cameras and other sinks and shows this one as misconfigured; `check-config`
/// fails on it.
public struct SinkEntry: Decodable, Sendable, Equatable {
    /// The sink's name, or `sinks[N]` when it has none.
    public var name: String
    /// The settings, when they load.
    public var sink: SinkConfig?
    /// What is wrong with them, with the file, line and key.
    public var problem: ConfigError?

    /// A loaded sink.
    public init(_ sink: SinkConfig) {
        name = sink.name
        self.sink = sink
    }

    public init(from decoder: Decoder) throws {
        let index = decoder.codingPath.last?.intValue ?? 0
        let c = try? decoder.container(keyedBy: ConfigKey.self)
        name = (try? c?.decodeIfPresent(String.self, forKey: ConfigKey("name"))) ?? "sinks[\(index)]"
        do {
            sink = try SinkConfig(from: decoder)
        } catch let error as DecodingError {
            problem = ConfigLoader.locate(error, userInfo: decoder.userInfo)
        }
    }
}

/// A delivery sink's settings.
public enum SinkConfig: Decodable, Sendable, Equatable {
    /// An MQTT broker.
    case mqtt(MQTTSinkConfig)
    /// A webhook.
    case webhook(WebhookSinkConfig)

    /// The sink's name.
    public var name: String {
        switch self {
        case .mqtt(let config): config.name
        case .webhook(let config): config.name
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: ConfigKey.self)
        let type: String = try c.required("type")
        switch type {
        case "mqtt": self = .mqtt(try MQTTSinkConfig(from: decoder))
        case "webhook": self = .webhook(try WebhookSinkConfig(from: decoder))
        default: throw c.invalid("type", "expected mqtt or webhook")
        }
    }
}

/// An MQTT sink: the broker, credentials, TLS, topics.
public struct MQTTSinkConfig: Decodable, Sendable, Equatable {
    /// The sink's name; its cursor in the store is kept under it.
    public var name: String
    /// The broker's host.
    public var host: String
    /// The broker's port (1883; 8883 is usual with TLS).
    public var port = 1883
    /// The client id; nil: `portsight-<site>-<name>`.
    public var clientID: String?
    /// The username, if the broker wants one.
    public var username: String?
    /// The password, given in the file or read from `password_file`.
    public var password: String?
    /// Connect with TLS.
    public var tls = false
    /// The CA that signed the broker's certificate (PEM); nil: the system's CAs.
    public var caFile: String?
    /// A client certificate and its key (PEM), for brokers that want one.
    public var certFile: String?
    public var keyFile: String?
    /// Skip the broker host name check (testing only).
    public var tlsInsecure = false
    /// The first topic level.
    public var topicPrefix = "portsight"
    /// Publishes awaiting the broker's acknowledgement, at most.
    public var window = 256
    /// MQTT keep-alive, seconds.
    public var keepaliveSeconds = 30.0

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: ConfigKey.self)
        try c.rejectUnknown(["type", "name", "host", "port", "client_id", "username", "password", "password_file", "tls",
                             "ca_file", "cert_file", "key_file", "tls_insecure", "topic_prefix", "window", "keepalive_s"])
        name = try c.required("name")
        host = try c.required("host")
        port = try c.value("port", or: port)
        clientID = try c.decodeIfPresent(String.self, forKey: ConfigKey("client_id"))
        username = try c.decodeIfPresent(String.self, forKey: ConfigKey("username"))
        password = try c.secret("password")
        tls = try c.value("tls", or: tls)
        caFile = try c.decodeIfPresent(String.self, forKey: ConfigKey("ca_file"))
        certFile = try c.decodeIfPresent(String.self, forKey: ConfigKey("cert_file"))
        keyFile = try c.decodeIfPresent(String.self, forKey: ConfigKey("key_file"))
        tlsInsecure = try c.value("tls_insecure", or: tlsInsecure)
        topicPrefix = try c.value("topic_prefix", or: topicPrefix)
        window = try c.value("window", or: window)
        keepaliveSeconds = try c.value("keepalive_s", or: keepaliveSeconds)
        try c.checkName(name)
        try c.check(!host.isEmpty, "host", "the broker's host name or address")
        try c.check((1...65535).contains(port), "port", "expected a port number from 1 to 65535")
        try c.check(password == nil || username != nil, "password", "a password needs a username")
        try c.check(certFile == nil || keyFile != nil, "key_file", "a client certificate needs its key file")
        for (key, path) in [("ca_file", caFile), ("cert_file", certFile), ("key_file", keyFile)] {
            if let path { try c.check(FileManager.default.isReadableFile(atPath: path), key, "cannot read \(path)") }
        }
        try c.check(!topicPrefix.isEmpty && !topicPrefix.contains(where: { "+#".contains($0) }), "topic_prefix",
                    "a topic level without + or #")
        try c.check((1...65535).contains(window), "window", "expected 1 to 65535 messages")
        try c.check(keepaliveSeconds >= 5, "keepalive_s", "expected 5 seconds or more")
    }
}

/// A webhook sink: where to POST, and the key that signs the bodies.
public struct WebhookSinkConfig: Decodable, Sendable, Equatable {
    /// The sink's name; its cursor in the store is kept under it.
    public var name: String
    /// The http or https URL to POST to.
    public var url: String
    /// The HMAC-SHA256 key of the signature header, given or read from `secret_file`; nil: unsigned.
    public var secret: String?
    /// Events per request, at most.
    public var batch = 100
    /// Seconds a request may take.
    public var timeoutSeconds = 10.0
    /// More headers on every request.
    public var headers: [String: String] = [:]

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: ConfigKey.self)
        try c.rejectUnknown(["type", "name", "url", "secret", "secret_file", "batch", "timeout_s", "headers"])
        name = try c.required("name")
        url = try c.required("url")
        secret = try c.secret("secret")
        batch = try c.value("batch", or: batch)
        timeoutSeconds = try c.value("timeout_s", or: timeoutSeconds)
        headers = try c.value("headers", or: headers)
        try c.checkName(name)
        let parsed = URL(string: url)
        try c.check(["http", "https"].contains(parsed?.scheme?.lowercased() ?? "") && !(parsed?.host ?? "").isEmpty, "url",
                    "expected an http:// or https:// URL with a host")
        try c.check((1...10_000).contains(batch), "batch", "expected 1 to 10000 events")
        try c.check(timeoutSeconds > 0, "timeout_s", "expected a positive number of seconds")
        try c.check(secret.map { $0.count >= 16 } ?? true, "secret", "use a secret of at least 16 characters")
    }
}

extension KeyedDecodingContainer where Key == ConfigKey {
    /// `<key>` given in the file, or read from the file named by `<key>_file` (trailing newline
    /// dropped), so secrets can live outside the config, e.g. in systemd credentials.
    func secret(_ key: String) throws -> String? {
        let inline = try decodeIfPresent(String.self, forKey: ConfigKey(key))
        guard let path = try decodeIfPresent(String.self, forKey: ConfigKey(key + "_file")) else { return inline }
        try check(inline == nil, key + "_file", "give \(key) or \(key)_file, not both")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw invalid(key + "_file", "cannot read \(path)")
        }
        return text.trimmingCharacters(in: .newlines)
    }

    /// Sink names key cursors in the store and label metrics.
    func checkName(_ name: String) throws {
        try check(!name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) },
                  "name", "use letters, digits, - and _ only (it keys the sink's cursor)")
    }
}
