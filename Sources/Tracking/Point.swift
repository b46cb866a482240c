import PixelCore

/// A point in frame pixels (x to the right, y down), in floating point so that box centres keep their halves.
public struct Point: Sendable, Hashable, Codable {
    /// Horizontal position.
    public var x: Double
    /// Vertical position, growing downwards.
    public var y: Double

    /// Creates a point.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// The straight-line distance to another point.
    public func distance(to other: Point) -> Double {
        ((x - other.x) * (x - other.x) + (y - other.y) * (y - other.y)).squareRoot()
    }
}

extension Rect {
    /// The middle of the box.
    public var centre: Point {
        Point(x: Double(x) + Double(width) / 2, y: Double(y) + Double(height) / 2)
    }

    /// The middle of the bottom edge: where a vehicle or person meets the ground, so zones and lines
    /// drawn on the road compare against where the object stands rather than where its roof is.
    public var bottomCentre: Point {
        Point(x: Double(x) + Double(width) / 2, y: Double(maxY))
    }
}
