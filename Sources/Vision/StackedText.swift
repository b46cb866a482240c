import CVBridge
import Foundation
import PixelCore

/// Lays the characters of a column of upright stacked characters (a code painted down a
/// door-end post) side by side, so that the line recogniser can read them.
///
/// The column is scaled to a fixed width and cut between characters where a row holds no ink
/// (ink is the minority side of an Otsu threshold); each character is trimmed to its own ink
/// and copied left to right into a strip.
final class StackedText {
    /// Width the column is scaled to; characters are about this high.
    static let columnWidth = 32
    private let column = PixelBuffer()
    private let strip = PixelBuffer()
    private var rows: [Range<Int>] = []
    private var profile: [Int] = []
    private var scores: [Double] = []
    private var columns: [Range<Int>] = []
    private var histogram = [Int](repeating: 0, count: 256)
    /// Per row of the column, the gray level that splits ink from background there.
    private var levels: [Int] = []
    private var backgrounds: [Int] = []
    private var inkIsDark = false

    /// True when `bounds` is tall and narrow enough to hold two or more stacked characters.
    static func isColumn(_ bounds: Rect) -> Bool {
        bounds.width >= 6 && bounds.height >= 5 * bounds.width / 2
    }

    /// The strip of the column of text in `bounds` of `image` (BGR), and the part of the image
    /// its characters span, or nil when no characters stand out; valid until the next call.
    func strip(of image: ImageView, bounds: Rect, reach: Int = 12) throws -> (strip: ImageView, span: Rect)? {
        try strip(of: image, box: RotatedBox(bounds), reach: reach)
    }

    /// The strip of the column of text in `box` of `image` (BGR), cut along the box so that a
    /// tilted column is read upright, and the part of the image its characters span; nil when
    /// no characters stand out. Valid until the next call.
    ///
    /// A detector's box around stacked characters often stops a character or two short of
    /// either end, so the column is looked at up to `reach` widths above and below, and
    /// characters there join it while they keep its size and spacing.
    func strip(of image: ImageView, box: RotatedBox, reach: Int = 12) throws -> (strip: ImageView, span: Rect)? {
        let upright = Self.tall(box)
        let radians = upright.angle * .pi / 180, across = upright.width, along = upright.height
        let down = (x: -sin(radians), y: cos(radians))  // along the column, top to bottom
        // Reach no further than the image's top and bottom edges (the crop would repeat them).
        let top = upright.centerY - along / 2 * down.y, bottom = upright.centerY + along / 2 * down.y
        let up = min(Double(reach) * across, max(0, top) / down.y)
        let below = min(Double(reach) * across, max(0, Double(image.height) - bottom) / down.y)
        let length = along + up + below, shift = (below - up) / 2
        let region = RotatedBox(centerX: upright.centerX + shift * down.x, centerY: upright.centerY + shift * down.y,
                                width: across, height: length, angle: upright.angle)
        let width = Self.columnWidth
        let height = min(width * 32, max(width, Int(Double(width) * length / max(1, across))))
        column.reshape(width: width, height: height, channels: 3)
        try TextGeometry.crop(image, box: region, keepOrientation: true, into: column)
        let scale = Double(height) / length
        let core = Int(up * scale)..<max(Int(up * scale) + 1, Int((up + along) * scale))
        // The threshold comes from the detector's box, and from the middle of the column only: a
        // sticker's or a post's edges beside the characters would otherwise be taken for ink.
        let band = (width / 5)..<(width - width / 5)
        let ink = InkThreshold(of: column.view, columns: band, rows: core, counts: &histogram)
        followBackground(band: band, core: core, ink: ink)
        findRows(band: band, core: core)
        guard let first = rows.first?.lowerBound, let last = rows.last?.upperBound else { return nil }
        findColumns()
        layOut(background: background(band: band))
        // The characters' part of the column, back in the image.
        let middle = (Double(first + last) / 2 / scale) - length / 2
        let span = RotatedBox(centerX: region.centerX + middle * down.x, centerY: region.centerY + middle * down.y,
                              width: across, height: Double(last - first) / scale, angle: upright.angle)
        return (strip.view, span.bounds(within: image.width, image.height))
    }

    /// `box` described with its shorter side across (width) and its angle within 45 degrees of
    /// upright; a box whose long side lies nearer level than upright is taken as it is, unturned.
    static func tall(_ box: RotatedBox) -> RotatedBox {
        var angle = box.angle, width = box.width, height = box.height
        if width > height {
            swap(&width, &height)
            angle += 90
        }
        angle = RotatedBox.normalisedAngle(angle)
        guard abs(angle) <= 45 else {
            let bounds = box.bounds(within: Int.max, Int.max)
            return RotatedBox(centerX: box.centerX, centerY: box.centerY, width: Double(bounds.width), height: Double(bounds.height), angle: 0)
        }
        return RotatedBox(centerX: box.centerX, centerY: box.centerY, width: width, height: height, angle: angle, score: box.score)
    }

    /// The rows of characters: runs of rows with ink in more than a twentieth of the band, at least
    /// 0.3 widths high, cut where they are longer than the characters' pitch (characters that
    /// touch, or that blur joins) at their faintest rows. Of the runs outside `core`, those next
    /// to it at its size and spacing are kept.
    private func findRows(band: Range<Int>, core: Range<Int>) {
        let height = column.height
        profile.removeAll(keepingCapacity: true)
        for y in 0..<height {
            let row = column.view.row(y)
            var count = 0
            for x in band where isInk(InkThreshold.gray(row, x), row: y) { count += 1 }
            profile.append(count)
        }
        let minimumInk = max(1, band.count / 20), minimumRun = max(2, column.width * 3 / 10)
        let runs = InkProfile.runs(profile, above: minimumInk, minimumLength: minimumRun)
        rows.removeAll(keepingCapacity: true)
        guard runs.contains(where: { core.contains(($0.lowerBound + $0.upperBound) / 2) }) else { return }
        let typical = step(of: runs, in: core, shortest: minimumRun + 2) ?? pitch(in: core, shortest: minimumRun + 2)
        let cells = InkProfile.cut(runs, pitch: Double(typical), slack: typical / 4, profile: profile)
        // The cells whose middles lie in the core, and the ones that continue them up and down.
        let kept = cells.indices.filter { core.contains((cells[$0].lowerBound + cells[$0].upperBound) / 2) }
        guard var first = kept.first, var last = kept.last else { return }
        // How much of a cell's band is ink: a character's strokes cover part of it, a solid
        // block (a rib's shadow, a label's edge) nearly all.
        func inkShare(_ cell: Range<Int>) -> Double { Double(profile[cell].reduce(0, +)) / Double(max(1, cell.count * band.count)) }
        let shares = kept.map { inkShare(cells[$0]) }.sorted(), usual = shares[shares.count / 2]
        // A cell at the crop's edge may be a character cut in two.
        func continues(_ cell: Range<Int>, gap: Int) -> Bool {
            let share = inkShare(cell)
            return gap * 5 <= typical * 3 && cell.count * 2 >= typical && cell.count * 5 <= typical * 7
                && cell.lowerBound > 1 && cell.upperBound < height - 1
                && share < 0.7 && share >= 0.3 * usual && share <= 1.8 * usual
        }
        while first > 0, continues(cells[first - 1], gap: cells[first].lowerBound - cells[first - 1].upperBound) { first -= 1 }
        while last < cells.count - 1, continues(cells[last + 1], gap: cells[last + 1].lowerBound - cells[last].upperBound) { last += 1 }
        // A blank of more than two pitches inside the column is characters lost (to glare, to a
        // sticker): read across it, the strip would join two pieces of text as if they followed
        // each other, and a code could pass its check digit by chance. The longest piece is kept.
        var start = first, longest = first...first
        for index in first...last where index == last || cells[index + 1].lowerBound - cells[index].upperBound > 2 * typical {
            if index - start > longest.count - 1 { longest = start...index }
            start = index + 1
        }
        (first, last) = (longest.lowerBound, longest.upperBound)
        for cell in cells[first...last] { rows.append(max(0, cell.lowerBound - 2)..<min(height, cell.upperBound + 2)) }
    }

    /// Sets each row's ink level: the core's threshold moved by as much as the background there
    /// differs from the core's. Glare or a shadow over part of a column lifts or lowers its
    /// paint, and one threshold for the whole column would take the lit paint for ink (or lose
    /// the shaded characters). The background is the 20th percentile of the band's gray levels
    /// within two column widths up and down (the 80th where ink is dark): ink covers less of it.
    private func followBackground(band: Range<Int>, core: Range<Int>, ink: InkThreshold) {
        let height = column.height, reach = 2 * column.width
        inkIsDark = ink.inkIsDark
        histogram.removeAll(keepingCapacity: true)
        histogram.append(contentsOf: repeatElement(0, count: 256))
        func add(_ y: Int, _ step: Int) {
            let row = column.view.row(y)
            for x in band { histogram[InkThreshold.gray(row, x)] += step }
        }
        backgrounds.removeAll(keepingCapacity: true)
        var count = 0
        for y in 0..<min(height, reach) { add(y, 1); count += band.count }
        for y in 0..<height {
            if y + reach < height { add(y + reach, 1); count += band.count }
            if y - reach - 1 >= 0 { add(y - reach - 1, -1); count -= band.count }
            // The 20th percentile from the background's side.
            var seen = 0, level = 0
            let wanted = count / 5
            if inkIsDark {
                level = 255
                while level > 0, seen + histogram[level] <= wanted { seen += histogram[level]; level -= 1 }
            } else {
                while level < 255, seen + histogram[level] <= wanted { seen += histogram[level]; level += 1 }
            }
            backgrounds.append(level)
        }
        // The core's background: the median of its rows' (sorted in `levels`, filled next).
        levels.removeAll(keepingCapacity: true)
        levels.append(contentsOf: backgrounds[core])
        levels.sort()
        let usual = levels[levels.count / 2]
        levels.removeAll(keepingCapacity: true)
        for y in 0..<height { levels.append(min(255, max(0, ink.level + backgrounds[y] - usual))) }
    }

    /// True when `gray` is ink in row `y` of the column.
    private func isInk(_ gray: Int, row y: Int) -> Bool { inkIsDark ? gray <= levels[y] : gray > levels[y] }

    /// The distance from one character to the next down the column when the core holds four or
    /// more separate runs of ink: the median step from the top of one to the next. Bold
    /// characters with a bar at the top and the bottom (`Z`, `2`, `C`) make the ink profile
    /// match itself at half the pitch, so runs are trusted where there are enough of them.
    private func step(of runs: [Range<Int>], in core: Range<Int>, shortest: Int) -> Int? {
        let inCore = runs.filter { core.contains(($0.lowerBound + $0.upperBound) / 2) }
        guard inCore.count >= 4 else { return nil }
        let steps = zip(inCore.dropFirst(), inCore).map { $0.lowerBound - $1.lowerBound }.sorted()
        return max(shortest, steps[steps.count / 2])
    }

    /// The distance from one character to the next down the column: the shortest lag, from
    /// `shortest` to half the core, at which the ink profile of `core` matches itself nearly as
    /// well as at its best lag (which may be a multiple of the pitch).
    private func pitch(in core: Range<Int>, shortest: Int) -> Int {
        guard core.count / 2 > shortest else { return max(shortest, core.count) }
        let values = profile[core], mean = Double(values.reduce(0, +)) / Double(values.count)
        scores.removeAll(keepingCapacity: true)
        for lag in shortest...(core.count / 2) {
            var sum = 0.0
            for y in core.lowerBound..<(core.upperBound - lag) {
                sum += (Double(profile[y]) - mean) * (Double(profile[y + lag]) - mean)
            }
            scores.append(sum / Double(core.count - lag))
        }
        let best = scores.max()!
        for index in scores.indices where scores[index] >= 0.7 * best
            && (index == 0 || scores[index] >= scores[index - 1]) && (index == scores.count - 1 || scores[index] >= scores[index + 1]) {
            return shortest + index
        }
        return shortest + scores.firstIndex(of: best)!
    }

    /// For each row of characters, the run of ink columns that covers most of the middle half,
    /// so that the edges of a sticker or a post are left out.
    private func findColumns() {
        let width = column.width
        columns.removeAll(keepingCapacity: true)
        for cell in rows {
            var best = 0..<width, bestCover = 0, start: Int?
            for x in 0...width {
                let inked = x < width && cell.contains { isInk(InkThreshold.gray(column.view.row($0), x), row: $0) }
                if inked {
                    if start == nil { start = x }
                } else if let first = start {
                    let cover = min(x, width * 3 / 4) - max(first, width / 4)
                    if cover > bestCover {
                        bestCover = cover
                        best = max(0, first - 2)..<min(width, x + 2)
                    }
                    start = nil
                }
            }
            columns.append(best)
        }
        for index in rows.indices {
            (rows[index], columns[index]) = unframed(rows[index], columns[index])
        }
    }

    /// The inside of a box drawn round a character (a boxed check digit), or the cell as it is:
    /// the recogniser reads the box's sides as strokes.
    private func unframed(_ cell: Range<Int>, _ span: Range<Int>) -> (Range<Int>, Range<Int>) {
        func inked(_ y: Int, _ x: Int) -> Bool { isInk(InkThreshold.gray(column.view.row(y), x), row: y) }
        func lineRow(_ y: Int) -> Bool { span.count { inked(y, $0) } * 10 >= span.count * 7 }
        func lineColumn(_ x: Int) -> Bool { cell.count { inked($0, x) } * 10 >= cell.count * 7 }
        // A side is a line within the outer quarter; the inside starts after it.
        func inside(_ range: Range<Int>, _ isLine: (Int) -> Bool) -> Range<Int>? {
            let quarter = max(1, range.count / 4)
            guard let top = range.prefix(quarter).first(where: isLine),
                  let bottom = range.suffix(quarter).reversed().first(where: isLine) else { return nil }
            var lower = top, upper = bottom
            while lower + 1 < upper, isLine(lower + 1) { lower += 1 }
            while upper - 1 > lower, isLine(upper - 1) { upper -= 1 }
            return upper - lower > 3 ? (lower + 2)..<(upper - 1) : nil
        }
        guard let rows = inside(cell, lineRow), let columns = inside(span, lineColumn) else { return (cell, span) }
        return (rows, columns)
    }

    /// Mean colour of the band's pixels that are not ink.
    private func background(band: Range<Int>) -> (UInt8, UInt8, UInt8) {
        var sums = (0, 0, 0), count = 0
        for y in 0..<column.height {
            let row = column.view.row(y)
            for x in band where !isInk(InkThreshold.gray(row, x), row: y) {
                sums.0 += Int(row[3 * x])
                sums.1 += Int(row[3 * x + 1])
                sums.2 += Int(row[3 * x + 2])
                count += 1
            }
        }
        let n = max(1, count)
        return (UInt8(sums.0 / n), UInt8(sums.1 / n), UInt8(sums.2 / n))
    }

    /// Copies the characters side by side, centred in a row as high as the highest, a quarter
    /// column width apart.
    private func layOut(background: (UInt8, UInt8, UInt8)) {
        let gap = column.width / 4
        let height = rows.map(\.count).max() ?? column.height
        strip.reshape(width: columns.reduce(gap) { $0 + $1.count + gap }, height: height, channels: 3)
        let base = strip.data.assumingMemoryBound(to: UInt8.self)
        for y in 0..<height {
            let row = base + y * strip.stride
            for x in 0..<strip.width {
                row[3 * x] = background.0
                row[3 * x + 1] = background.1
                row[3 * x + 2] = background.2
            }
        }
        var left = gap
        for (cell, span) in zip(rows, columns) {
            let top = (height - cell.count) / 2
            for (offset, y) in cell.enumerated() {
                let target = base + (top + offset) * strip.stride + 3 * left
                target.update(from: column.view.row(y) + 3 * span.lowerBound, count: 3 * span.count)
            }
            left += span.count + gap
        }
    }
}
