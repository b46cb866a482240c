/// A delivery sink's progress (MQTT, a webhook).
public struct SinkStatus: Sendable, Hashable, Codable {
    /// The sink's name from the configuration.
    public var name: String
    /// `mqtt` or `webhook`; empty when its settings did not load.
    public var kind: String
    /// What the sink is doing.
    public var state: SinkState
    /// The last seq the sink delivered (its durable cursor).
    public var cursor: Int64
    /// Events committed but not yet delivered: the store's last seq minus the cursor.
    public var lagEvents: Int64
    /// Age in seconds of the oldest undelivered event; 0 when caught up.
    public var lagS: Double
    /// Events delivered since the daemon started.
    public var delivered: Int64
    /// Failed delivery attempts since the daemon started.
    public var failures: Int64
    /// Events the receiver refused for good, ever.
    public var deadLetters: Int
    /// The last error, in words for an operator; nil when the last attempt worked.
    public var lastError: String?

    /// Creates a sink's status.
    public init(
        name: String, kind: String = "", state: SinkState = .connecting, cursor: Int64 = 0, lagEvents: Int64 = 0,
        lagS: Double = 0, delivered: Int64 = 0, failures: Int64 = 0, deadLetters: Int = 0, lastError: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.state = state
        self.cursor = cursor
        self.lagEvents = lagEvents
        self.lagS = lagS
        self.delivered = delivered
        self.failures = failures
        self.deadLetters = deadLetters
        self.lastError = lastError
    }

    enum CodingKeys: String, CodingKey {
        case name, kind, state, cursor, delivered, failures
        case lagEvents = "lag_events"
        case lagS = "lag_s"
        case deadLetters = "dead_letters"
        case lastError = "last_error"
    }

    /// Encodes every key, `null` included, so the shape never changes.
    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(name, forKey: .name)
        try values.encode(kind, forKey: .kind)
        try values.encode(state, forKey: .state)
        try values.encode(cursor, forKey: .cursor)
        try values.encode(lagEvents, forKey: .lagEvents)
        try values.encode(lagS, forKey: .lagS)
        try values.encode(delivered, forKey: .delivered)
        try values.encode(failures, forKey: .failures)
        try values.encode(deadLetters, forKey: .deadLetters)
        try values.encode(lastError, forKey: .lastError)
    }
}

/// What a delivery sink is doing.
public enum SinkState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Connecting to its broker or endpoint.
    case connecting
    /// Delivering; caught up or catching up.
    case delivering
    /// Delivery failed; retrying after a pause.
    case retrying
    /// Its settings cannot work; fix the configuration and send SIGHUP (or restart).
    case misconfigured
}
