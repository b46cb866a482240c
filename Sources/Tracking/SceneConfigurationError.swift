/// A zone or line from the configuration that cannot be used, with what to fix.
public enum SceneConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A zone or line has an empty id.
    case emptyID
    /// Two zones, or two lines, share an id.
    case duplicateID(String)
    /// A zone has fewer than three points.
    case tooFewPoints(zone: String, count: Int)
    /// A zone's points all lie on one line, so it encloses nothing.
    case zeroArea(zone: String)
    /// A zone's outline crosses itself: edge `edge` (from point `edge` to the next) crosses edge
    /// `crosses`, counting from 0.
    case selfCrossing(zone: String, edge: Int, crosses: Int, points: Int)
    /// A point is not a finite number.
    case nonFinitePoint(id: String)
    /// A line's two end points are (nearly) the same.
    case degenerateLine(line: String)
    /// A line's direction names are empty or equal.
    case directionNames(line: String)

    /// What is wrong and how to fix it.
    public var description: String {
        switch self {
        case .emptyID: "a zone or line has an empty id: give each one a name"
        case .duplicateID(let id): "the id \"\(id)\" is used twice: zone ids and line ids must each be unique"
        case .tooFewPoints(let zone, let count): "zone \"\(zone)\" has \(count) points: a zone needs at least 3"
        case .zeroArea(let zone): "zone \"\(zone)\" has no area (its points lie on one line): spread them out"
        case .selfCrossing(let zone, let a, let b, let n):
            "zone \"\(zone)\" has an outline that crosses itself (the edge from point \(a + 1) to \(a + 2 > n ? 1 : a + 2) crosses the edge from point \(b + 1) to \(b + 2 > n ? 1 : b + 2)): list the points in order around the zone"
        case .nonFinitePoint(let id): "\"\(id)\" has a point that is not a finite number: use pixel coordinates"
        case .degenerateLine(let line): "line \"\(line)\" has its two end points less than 1 px apart: move them apart"
        case .directionNames(let line): "line \"\(line)\" needs two different, non-empty direction names (e.g. \"in\" and \"out\")"
        }
    }
}
