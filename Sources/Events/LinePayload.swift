/// The line a `line.crossed` event is about.
public struct LinePayload: Sendable, Hashable, Codable {
    /// The line's id from the camera's configuration.
    public var id: String
    /// Which way the object crossed it, by the name the configuration gives that direction
    /// (e.g. `in`, `out`, `east`).
    public var direction: String

    /// Creates a line payload.
    public init(id: String, direction: String) {
        self.id = id
        self.direction = direction
    }
}
