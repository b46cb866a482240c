/// A delivery sink's progress (MQTT, a webhook).
public struct SinkStatus: Sendable, Hashable, Codable {
    /// The sink's name from the configuration.
    public var name: String
    /// The last seq the sink delivered (its durable cursor).
    public var cursor: Int64
    /// Events committed but not yet delivered: the store's last seq minus the cursor.
    public var lagEvents: Int64
    /// Age in seconds of the oldest undelivered event; 0 when caught up.
    public var lagS: Double
    /// What the sink is doing.
    public var state: SinkState
    /// The last delivery error, in words for an operator; nil when the last attempt worked.
    public var lastError: String?

    /// Creates a sink's status.
    public init(
        name: String, cursor: Int64 = 0, lagEvents: Int64 = 0, lagS: Double = 0, state: SinkState = .connecting,
        lastError: String? = nil
    ) {
        self.name = name
        self.cursor = cursor
        self.lagEvents = lagEvents
        self.lagS = lagS
        self.state = state
        self.lastError = lastError
    }

    enum CodingKeys: String, CodingKey {
        case name, cursor, state
        case lagEvents = "lag_events"
        case lagS = "lag_s"
        case lastError = "last_error"
    }

    /// Encodes every key, `null` included, so the shape never changes.
    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(name, forKey: .name)
        try values.encode(cursor, forKey: .cursor)
        try values.encode(lagEvents, forKey: .lagEvents)
        try values.encode(lagS, forKey: .lagS)
        try values.encode(state, forKey: .state)
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
    /// Switched off in the configuration.
    case disabled
}
