import PixelCore

/// Finds lines of text stacked one above the other in a region by where its rows hold ink: the
/// short, close lines of a door grid's serial, which the detector often joins, cuts or misses.
final class TextRows {
    private var histogram = [Int](repeating: 0, count: 256)
    private var profile: [Int] = []

    /// The lines in `region` of `image` (BGR), top to bottom, each as tall and as wide as its
    /// ink; `height` is about the characters' height. Ink that runs through every row (a door's
    /// ribs, a pole) is taken as the background.
    func lines(in image: ImageView, region: Rect, height: Int) -> [Rect] {
        guard region.width >= 4, region.height >= height, height >= 4 else { return [] }
        for i in histogram.indices { histogram[i] = 0 }
        for y in region.y..<region.maxY {
            let row = image.row(y)
            for x in region.x..<region.maxX { histogram[InkThreshold.gray(row, x)] += 1 }
        }
        let ink = InkThreshold(histogram: histogram)
        profile.removeAll(keepingCapacity: true)
        for y in region.y..<region.maxY {
            let row = image.row(y)
            var count = 0
            for x in region.x..<region.maxX where ink.isInk(InkThreshold.gray(row, x)) { count += 1 }
            profile.append(count)
        }
        let floor = profile.min() ?? 0, least = floor + max(2, region.width / 40)
        var runs: [Range<Int>] = []
        var start: Int?
        for y in 0...profile.count {
            if y < profile.count, profile[y] > least {
                if start == nil { start = y }
            } else if let first = start {
                if (y - first) * 5 >= height * 2 { runs.append(first..<y) }
                start = nil
            }
        }
        var cells: [Range<Int>] = []
        for run in runs {
            // Lines a blur or a cable joins: cut at the faintest rows, a line's height apart.
            let parts = max(1, Int((Double(run.count) / (1.15 * Double(height))).rounded()))
            var lower = run.lowerBound
            for part in 1...parts {
                var upper = run.upperBound
                if part < parts {
                    let even = run.lowerBound + run.count * part / parts, slack = height / 4
                    upper = ((even - slack)...(even + slack)).min { profile[$0] < profile[$1] } ?? even
                }
                cells.append(lower..<upper)
                lower = upper
            }
        }
        return cells.compactMap { cell in extent(of: cell, in: image, region: region, ink: ink, between: runs) }
    }

    /// The line `cell` (rows of `region`) as wide as its ink, with a margin; nil when it holds
    /// none. Columns with ink in most rows between the lines (a rib, a pole) are not its ink.
    private func extent(of cell: Range<Int>, in image: ImageView, region: Rect, ink: InkThreshold, between runs: [Range<Int>]) -> Rect? {
        var first: Int?, last = 0
        for x in region.x..<region.maxX {
            var count = 0, gaps = 0, gapInk = 0
            for y in cell where ink.isInk(InkThreshold.gray(image.row(region.y + y), x)) { count += 1 }
            guard count >= 2 else { continue }
            for y in 0..<region.height where !runs.contains(where: { $0.contains(y) }) {
                gaps += 1
                if ink.isInk(InkThreshold.gray(image.row(region.y + y), x)) { gapInk += 1 }
            }
            guard gaps < 3 || gapInk * 2 < gaps else { continue }
            if first == nil { first = x }
            last = x
        }
        guard let first else { return nil }
        let margin = cell.count / 3, left = max(region.x, first - margin), right = min(region.maxX, last + 1 + margin)
        return Rect(x: left, y: region.y + cell.lowerBound, width: right - left, height: cell.count)
    }
}
