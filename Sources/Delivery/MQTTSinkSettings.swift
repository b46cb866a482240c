/// An MQTT sink's settings: the broker, credentials, TLS, topics and window.
public struct MQTTSinkSettings: Sendable, Hashable {
    /// The sink's name (its cursor's key).
    public var name: String
    /// The broker's host name or address.
    public var host: String
    /// The broker's port (1883, or 8883 with TLS).
    public var port: Int
    /// The MQTT client id; unique per daemon on a broker.
    public var clientID: String
    /// The username, when the broker wants one.
    public var username: String?
    /// The password, with the username.
    public var password: String?
    /// Connect with TLS.
    public var tls: Bool = false
    /// The CA certificate (PEM) that signed the broker's; nil: the system's CAs.
    public var caFile: String?
    /// A client certificate (PEM), for brokers that want one, with `keyFile`.
    public var certFile: String?
    /// The client certificate's key (PEM).
    public var keyFile: String?
    /// Skip the check of the broker's host name against its certificate (testing only).
    public var tlsInsecure: Bool = false
    /// The first topic level: events go to `<prefix>/<site>/<camera>/events/<type>`.
    public var topicPrefix: String = "portsight"
    /// The site's name, the second topic level.
    public var site: String
    /// The daemon's version, in the status message.
    public var version: String
    /// The most publishes awaiting the broker's acknowledgement.
    public var window: Int = 256
    /// MQTT keep-alive.
    public var keepalive: Duration = .seconds(30)
    /// How long a connection attempt may take before it counts as failed.
    public var connectTimeout: Duration = .seconds(5)
    /// How long the broker may take to acknowledge a window before the connection counts as broken.
    public var ackTimeout: Duration = .seconds(10)

    /// Creates settings with the defaults above.
    public init(name: String, host: String, port: Int = 1883, clientID: String, site: String, version: String) {
        self.name = name
        self.host = host
        self.port = port
        self.clientID = clientID
        self.site = site
        self.version = version
    }

    /// The retained status topic: `<prefix>/<site>/status`.
    public var statusTopic: String { "\(topicPrefix)/\(site)/status" }

    /// The topic of an event: `<prefix>/<site>/<camera>/events/<type>`.
    public func topic(camera: String, type: String) -> String {
        "\(topicPrefix)/\(site)/\(camera)/events/\(type)"
    }
}
