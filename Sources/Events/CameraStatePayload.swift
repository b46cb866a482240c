/// A camera's state as the health monitor sees it.
public enum CameraState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Connecting for the first time.
    case starting
    /// Frames arrive as expected.
    case online
    /// Frames arrive too slowly or with gaps.
    case stalled
    /// No frames arrive.
    case offline
    /// Frames arrive but the picture does not change.
    case frozen
}

/// The state change a `camera.*` event reports.
public struct CameraStatePayload: Sendable, Hashable, Codable {
    /// The new state.
    public var state: CameraState
    /// Why, in words for an operator (`no frame for 10 s`, `connection refused`).
    public var reason: String?

    /// Creates a camera state payload.
    public init(state: CameraState, reason: String? = nil) {
        self.state = state
        self.reason = reason
    }
}
