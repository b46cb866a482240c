import Detection
import PixelCore

/// Area covered by a set of possibly overlapping boxes, counted once.
enum RegionCoverage {
    /// The number of pixels of `bounds` that at least one of `rects` covers.
    ///
    /// Sweeps vertical slabs between the boxes' x edges and merges the y intervals in each; counts are
    /// small (a frame's motion regions), so O(n² log n) is fine.
    static func coveredArea(of rects: [Rect], within bounds: Rect) -> Int {
        let clipped = rects.compactMap { $0.intersection(bounds) }
        guard !clipped.isEmpty else { return 0 }
        let edges = Array(Set(clipped.flatMap { [$0.x, $0.maxX] })).sorted()
        var total = 0
        for (left, right) in zip(edges, edges.dropFirst()) {
            let spans = clipped
                .filter { $0.x <= left && $0.maxX >= right }
                .map { ($0.y, $0.maxY) }
                .sorted { $0.0 < $1.0 }
            var covered = 0
            var runStart = Int.min, runEnd = Int.min
            for (top, bottom) in spans {
                if top > runEnd {
                    covered += runEnd - runStart
                    runStart = top
                    runEnd = bottom
                } else {
                    runEnd = max(runEnd, bottom)
                }
            }
            covered += runEnd - runStart
            total += covered * (right - left)
        }
        return total
    }
}
