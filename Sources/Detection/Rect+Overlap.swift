import PixelCore

extension Rect {
    /// The shared part of two boxes, or nil when they do not overlap.
    public func intersection(_ other: Rect) -> Rect? {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        guard right > left, bottom > top else { return nil }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// Intersection over union, 0 when the boxes do not overlap.
    public func iou(_ other: Rect) -> Double {
        guard let shared = intersection(other) else { return 0 }
        let union = area + other.area - shared.area
        return union > 0 ? Double(shared.area) / Double(union) : 0
    }

    /// The share of this box that lies inside `other`.
    public func fractionInside(_ other: Rect) -> Double {
        guard area > 0, let shared = intersection(other) else { return 0 }
        return Double(shared.area) / Double(area)
    }

    /// True when the smaller of the two boxes lies mostly (more than half) inside the other.
    public func mostlyOverlaps(_ other: Rect) -> Bool {
        guard let shared = intersection(other) else { return false }
        return 2 * shared.area > min(area, other.area)
    }
}
