/// How fast a box centre moves, in pixels per second (x to the right, y down).
public struct Velocity: Sendable, Hashable, Codable {
    /// Horizontal speed.
    public var x: Double
    /// Vertical speed.
    public var y: Double

    /// Creates a velocity.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// The speed regardless of direction.
    public var magnitude: Double { (x * x + y * y).squareRoot() }
}
