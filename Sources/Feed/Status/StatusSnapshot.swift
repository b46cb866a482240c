import Events

/// Everything `GET /status` reports, as one value read from memory.
///
/// The JSON uses snake_case keys, sorted (see `FeedJSON`), so monitoring systems see a stable shape.
public struct StatusSnapshot: Sendable, Hashable, Codable {
    /// The daemon's version (`0.3.1`).
    public var version: String
    /// Seconds since the daemon started.
    public var uptimeS: Double
    /// Every configured camera, in configuration order.
    public var cameras: [CameraStatus]
    /// The event store.
    public var store: StoreStatus
    /// Every delivery sink (MQTT, webhooks), in configuration order.
    public var sinks: [SinkStatus]
    /// How the networks run.
    public var inference: InferenceStatus

    /// Creates a snapshot.
    public init(version: String, uptimeS: Double, cameras: [CameraStatus], store: StoreStatus, sinks: [SinkStatus],
                inference: InferenceStatus = InferenceStatus()) {
        self.version = version
        self.uptimeS = uptimeS
        self.cameras = cameras
        self.store = store
        self.sinks = sinks
        self.inference = inference
    }

    /// The cameras that are not online, in configuration order: why `/readyz` fails.
    public var camerasNotOnline: [CameraStatus] {
        cameras.filter { $0.state != .online }
    }

    enum CodingKeys: String, CodingKey {
        case version, cameras, store, sinks, inference
        case uptimeS = "uptime_s"
    }
}
