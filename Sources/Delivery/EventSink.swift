import Events

/// A delivery target: an MQTT broker, a webhook. `SinkRunner` hands it the stored events in seq
/// order, starting after the sink's durable cursor, and moves the cursor only past what it
/// acknowledged.
public protocol EventSink: Sendable {
    /// The sink's name from the configuration; its cursor is kept under this name.
    var name: String { get }
    /// `mqtt` or `webhook`, for the status.
    var kind: String { get }
    /// The most events one `deliver` call takes (an MQTT in-flight window, a webhook batch).
    var batchLimit: Int { get }

    /// Delivers `events` (in seq order, never empty) at least once, and returns only when the
    /// receiver has acknowledged every one of them or refused some for good (dead letters).
    /// Throws when it cannot say: the runner then sends the same events again after a pause, so
    /// a receiver may see an event twice, with the same `seq` and `id`.
    func deliver(_ events: [StoredEvent]) async throws(SinkError) -> DeliveryResult

    /// Called while there is nothing to deliver: a sink with a connection makes sure it is up (so an
    /// MQTT broker holds the online status, and a refused login shows while all is quiet).
    func keepAlive() async throws(SinkError)

    /// Ends the sink's connections (an MQTT sink first marks its status offline). Called once, when
    /// the runner stops.
    func close() async
}

/// What a sink did with a batch it was handed.
public struct DeliveryResult: Sendable, Hashable {
    /// Events the receiver refused for good; every other event of the batch was acknowledged.
    public var deadLetters: [DeadLetter]

    /// Creates a result.
    public init(deadLetters: [DeadLetter] = []) {
        self.deadLetters = deadLetters
    }

    /// Every event acknowledged.
    public static let delivered = DeliveryResult()
}
