/// Which way an object crossed a line, as the line's configuration names its sides.
public enum CrossingDirection: String, Sendable, Hashable, Codable, CaseIterable {
    /// From the line's outer side to its inner side (e.g. into the terminal).
    case `in`
    /// From the inner side to the outer side.
    case out
}

/// The line a `line.crossed` event is about.
public struct LinePayload: Sendable, Hashable, Codable {
    /// The line's id from the camera's configuration.
    public var id: String
    /// Which way the object crossed it.
    public var direction: CrossingDirection

    /// Creates a line payload.
    public init(id: String, direction: CrossingDirection) {
        self.id = id
        self.direction = direction
    }
}
