/// What happened. The raw value is the `type` string in the feed, MQTT topics and webhooks.
public enum EventType: String, Sendable, Hashable, Codable, CaseIterable {
    /// An object appeared and its track was confirmed.
    case objectEntered = "object.entered"
    /// A tracked object left the view.
    case objectLeft = "object.left"
    /// A tracked object stopped moving (reported once, not re-alerted).
    case objectStationary = "object.stationary"
    /// A tracked object entered a zone.
    case zoneEntered = "zone.entered"
    /// A tracked object left a zone (with its dwell time).
    case zoneLeft = "zone.left"
    /// A tracked object crossed a line, in a direction.
    case lineCrossed = "line.crossed"
    /// A container code was read and decided along a track.
    case containerIdentified = "container.identified"
    /// One truck pass through a gate, with its containers.
    case gateTransaction = "gate.transaction"
    /// A truck visit the expected visits do not list, or with a container not expected for it;
    /// it carries the same visit record as its `gate.transaction`.
    case visitUnexpected = "visit.unexpected"
    /// A camera stopped delivering frames.
    case cameraOffline = "camera.offline"
    /// A camera delivers frames (again).
    case cameraOnline = "camera.online"
    /// A camera delivers frames, but badly (stalls, frozen picture, low frame rate).
    case cameraDegraded = "camera.degraded"
}
