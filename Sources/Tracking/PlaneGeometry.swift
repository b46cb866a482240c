/// Plane geometry for zones and lines: even-odd point-in-polygon, distances, segment crossings.
enum PlaneGeometry {
    /// The z part of (b - a) x (p - a). In image coordinates (y down) it is positive when `p` lies to the
    /// right of the direction a→b as seen on screen.
    static func cross(_ a: Point, _ b: Point, _ p: Point) -> Double {
        (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
    }

    /// Even-odd rule: a ray to the right crosses the boundary an odd number of times when inside.
    static func contains(_ polygon: [Point], _ p: Point) -> Bool {
        var inside = false
        var j = polygon.count - 1
        for i in polygon.indices {
            let a = polygon[i], b = polygon[j]
            if (a.y > p.y) != (b.y > p.y) {
                let xCross = a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y)
                if p.x < xCross { inside.toggle() }
            }
            j = i
        }
        return inside
    }

    /// The shortest distance from `p` to the segment a–b.
    static func distance(from p: Point, toSegment a: Point, _ b: Point) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        guard lengthSquared > 0 else { return p.distance(to: a) }
        let t = min(1, max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared))
        return p.distance(to: Point(x: a.x + t * dx, y: a.y + t * dy))
    }

    /// The shortest distance from `p` to the polygon's boundary.
    static func distance(from p: Point, toBoundaryOf polygon: [Point]) -> Double {
        var best = Double.infinity
        var j = polygon.count - 1
        for i in polygon.indices {
            best = min(best, distance(from: p, toSegment: polygon[j], polygon[i]))
            j = i
        }
        return best
    }

    /// Twice the signed area (shoelace); zero when all points lie on one line.
    static func doubledArea(_ polygon: [Point]) -> Double {
        var sum = 0.0
        var j = polygon.count - 1
        for i in polygon.indices {
            sum += polygon[j].x * polygon[i].y - polygon[i].x * polygon[j].y
            j = i
        }
        return sum
    }

    /// The first two edges of `polygon` that cross, as the indices of their first points
    /// (edge i runs from point i to point i+1, the last back to the first); nil for a simple outline.
    static func firstCrossing(_ polygon: [Point]) -> (Int, Int)? {
        let n = polygon.count
        guard n >= 4 else { return nil }
        for i in 0..<(n - 2) {
            for j in (i + 2)..<n where !(i == 0 && j == n - 1) {
                if pathCrossesSegment(from: polygon[i], to: polygon[(i + 1) % n], polygon[j], polygon[(j + 1) % n]) {
                    return (i, j)
                }
            }
        }
        return nil
    }

    /// True when the path p→q passes through the segment a–b (end points included).
    static func pathCrossesSegment(from p: Point, to q: Point, _ a: Point, _ b: Point) -> Bool {
        let d1 = cross(a, b, p), d2 = cross(a, b, q)
        let d3 = cross(p, q, a), d4 = cross(p, q, b)
        return (d1 * d2 <= 0) && (d3 * d4 <= 0) && !(d1 == 0 && d2 == 0)
    }
}
