import Foundation

/// One sink's figures, as its runner reports them for `/status` and `/metrics`.
public struct SinkProgress: Sendable, Hashable {
    /// The sink's name.
    public var name: String
    /// `mqtt` or `webhook`.
    public var kind: String
    /// What the sink is doing.
    public var state: DeliveryState
    /// The last seq delivered (the durable cursor).
    public var cursor: Int64
    /// Events committed but not yet delivered.
    public var lagEvents: Int64
    /// Age in seconds of the oldest undelivered event; 0 when caught up.
    public var lagS: Double
    /// Events delivered since the daemon started.
    public var delivered: Int64
    /// Failed delivery attempts since the daemon started.
    public var failures: Int64
    /// Events the receiver refused for good, ever (kept in the store).
    public var deadLetters: Int
    /// The last failure, in words for an operator; nil once a delivery works again.
    public var lastError: String?

    /// Creates a sink's figures before its first delivery.
    public init(name: String, kind: String, state: DeliveryState = .connecting) {
        self.name = name
        self.kind = kind
        self.state = state
        cursor = 0
        lagEvents = 0
        lagS = 0
        delivered = 0
        failures = 0
        deadLetters = 0
        lastError = nil
    }
}

/// What a sink is doing.
public enum DeliveryState: String, Sendable, Hashable {
    /// Starting: reading its cursor, connecting.
    case connecting
    /// Delivering, or caught up and waiting for events.
    case delivering
    /// The last attempt failed; trying again after a pause.
    case retrying
    /// Its settings cannot work; it waits for a corrected configuration.
    case misconfigured
}
