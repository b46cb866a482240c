/// A polygon on the camera image, in frame pixels, whose outline does not cross itself (an outline
/// that does is nearly always points listed out of order). A point is inside by the even-odd rule.
public struct Zone: Sendable, Hashable, Codable {
    /// The zone's name, reported in zone events.
    public let id: String
    /// The outline, at least three points; it closes back to the first point by itself.
    public let points: [Point]

    /// Creates a zone, checking that it encloses an area.
    public init(id: String, points: [Point]) throws(SceneConfigurationError) {
        guard !id.isEmpty else { throw .emptyID }
        guard points.count >= 3 else { throw .tooFewPoints(zone: id, count: points.count) }
        guard points.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else { throw .nonFinitePoint(id: id) }
        if let (a, b) = PlaneGeometry.firstCrossing(points) {
            throw .selfCrossing(zone: id, edge: a, crosses: b, points: points.count)
        }
        guard abs(PlaneGeometry.doubledArea(points)) > 0 else { throw .zeroArea(zone: id) }
        self.id = id
        self.points = points
    }

    /// Decodes `{"id": ..., "points": [{"x": ..., "y": ...}, ...]}` and validates it.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(id: container.decode(String.self, forKey: .id), points: container.decode([Point].self, forKey: .points))
    }

    /// True when `point` is inside by the even-odd rule.
    public func contains(_ point: Point) -> Bool {
        PlaneGeometry.contains(points, point)
    }

    /// The distance from `point` to the outline, in pixels.
    public func distanceToBoundary(_ point: Point) -> Double {
        PlaneGeometry.distance(from: point, toBoundaryOf: points)
    }
}
