/// A directed counting line (a segment from `start` to `end`) with a name for each way across.
///
/// Which way is which: stand on `start` looking at `end` as drawn on the screen (y grows downwards).
/// Crossing from your left-hand side to your right-hand side is `leftToRight`; the other way is
/// `rightToLeft`. So for a line drawn from the bottom of the image to the top, objects moving to the
/// screen's right cross it `leftToRight`; for a line drawn from left to right across a lane, objects
/// moving down the screen cross it `leftToRight`.
public struct CountingLine: Sendable, Hashable, Codable {
    /// The line's name, reported in crossing events.
    public let id: String
    /// Where the line starts.
    public let start: Point
    /// Where the line ends.
    public let end: Point
    /// The name reported for crossing from the left of start→end to its right (e.g. "in").
    public let leftToRight: String
    /// The name reported for crossing from the right of start→end to its left (e.g. "out").
    public let rightToLeft: String

    /// Creates a line, checking that it has a length and two distinct direction names.
    public init(id: String, start: Point, end: Point, leftToRight: String, rightToLeft: String) throws(SceneConfigurationError) {
        guard !id.isEmpty else { throw .emptyID }
        guard [start.x, start.y, end.x, end.y].allSatisfy(\.isFinite) else { throw .nonFinitePoint(id: id) }
        guard start.distance(to: end) >= 1 else { throw .degenerateLine(line: id) }
        guard !leftToRight.isEmpty, !rightToLeft.isEmpty, leftToRight != rightToLeft else { throw .directionNames(line: id) }
        self.id = id
        self.start = start
        self.end = end
        self.leftToRight = leftToRight
        self.rightToLeft = rightToLeft
    }

    /// Decodes the stored fields and validates them.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            id: c.decode(String.self, forKey: .id), start: c.decode(Point.self, forKey: .start),
            end: c.decode(Point.self, forKey: .end), leftToRight: c.decode(String.self, forKey: .leftToRight),
            rightToLeft: c.decode(String.self, forKey: .rightToLeft)
        )
    }

    /// The signed distance of `point` from the (infinite) line in pixels: positive on the right of
    /// start→end as seen on screen, negative on its left.
    public func signedDistance(_ point: Point) -> Double {
        PlaneGeometry.cross(start, end, point) / start.distance(to: end)
    }
}
