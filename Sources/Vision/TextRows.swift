import PixelCore

/// Finds lines of text stacked one above the other in a region by where its rows hold ink: the
/// short, close lines of a door grid's serial, which the detector often joins, cuts or misses.
final class TextRows {
    private var histogram: [Int] = []
    private var profile: [Int] = []
    private var background: [Bool] = []

    /// The lines in `region` of `image` (BGR), top to bottom, each as tall and as wide as its
    /// ink; `height` is about the characters' height. Ink that runs through every row (a door's
    /// ribs, a pole) is taken as the background.
    func lines(in image: ImageView, region: Rect, height: Int) -> [Rect] {
        guard region.width >= 4, region.height >= height, height >= 4 else { return [] }
        let ink = InkThreshold(of: image, columns: region.x..<region.maxX, rows: region.y..<region.maxY, counts: &histogram)
        profile.removeAll(keepingCapacity: true)
        for y in region.y..<region.maxY {
            let row = image.row(y)
            var count = 0
            for x in region.x..<region.maxX where ink.isInk(InkThreshold.gray(row, x)) { count += 1 }
            profile.append(count)
        }
        let least = (profile.min() ?? 0) + max(2, region.width / 40)
        let runs = InkProfile.runs(profile, above: least, minimumLength: (2 * height + 4) / 5)
        findBackground(in: image, region: region, ink: ink, between: runs)
        // Lines a blur or a cable joins are cut a line's height apart.
        let cells = InkProfile.cut(runs, pitch: 1.15 * Double(height), slack: height / 4, profile: profile)
        return cells.compactMap { extent(of: $0, in: image, region: region, ink: ink) }
    }

    /// Marks the columns of `region` with ink in most rows between the lines (`runs`), if there
    /// are three or more such rows: a rib or a pole, not a character.
    private func findBackground(in image: ImageView, region: Rect, ink: InkThreshold, between runs: [Range<Int>]) {
        background.removeAll(keepingCapacity: true)
        for x in region.x..<region.maxX {
            var gaps = 0, gapInk = 0
            for y in 0..<region.height where !runs.contains(where: { $0.contains(y) }) {
                gaps += 1
                if ink.isInk(InkThreshold.gray(image.row(region.y + y), x)) { gapInk += 1 }
            }
            background.append(gaps >= 3 && gapInk * 2 >= gaps)
        }
    }

    /// The line `cell` (rows of `region`) as wide as its ink, with a margin; nil when it holds
    /// none. Background columns are not its ink.
    private func extent(of cell: Range<Int>, in image: ImageView, region: Rect, ink: InkThreshold) -> Rect? {
        var first: Int?, last = 0
        for x in region.x..<region.maxX where !background[x - region.x] {
            guard cell.count(where: { ink.isInk(InkThreshold.gray(image.row(region.y + $0), x)) }) >= 2 else { continue }
            if first == nil { first = x }
            last = x
        }
        guard let first else { return nil }
        let margin = cell.count / 3, left = max(region.x, first - margin), right = min(region.maxX, last + 1 + margin)
        return Rect(x: left, y: region.y + cell.lowerBound, width: right - left, height: cell.count)
    }
}
