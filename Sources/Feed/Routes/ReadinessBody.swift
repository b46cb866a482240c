/// The JSON of `GET /readyz`: `{"status": "not_ready", "not_online": [{"id": "gate2", "state": "offline"}]}`.
public struct ReadinessBody: Sendable, Hashable, Codable {
    /// `ready` or `not_ready`.
    public var status: String
    /// The configured cameras that are not online, in configuration order.
    public var notOnline: [CameraReadiness]

    /// Creates a body.
    public init(status: String, notOnline: [CameraReadiness]) {
        self.status = status
        self.notOnline = notOnline
    }

    enum CodingKeys: String, CodingKey {
        case status
        case notOnline = "not_online"
    }
}

/// A camera that keeps the daemon from being ready.
public struct CameraReadiness: Sendable, Hashable, Codable {
    /// The camera's id.
    public var id: String
    /// Its state (`starting`, `stalled`, `offline`, `frozen`), or `missing` when the configuration
    /// names it but no pipeline has reported it.
    public var state: String

    /// Creates an entry.
    public init(id: String, state: String) {
        self.id = id
        self.state = state
    }
}
