import CVBridge
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
    private var columns: [Range<Int>] = []
    private var histogram = [Int](repeating: 0, count: 256)

    /// True when `bounds` is tall and narrow enough to hold two or more stacked characters.
    static func isColumn(_ bounds: Rect) -> Bool {
        bounds.width >= 6 && bounds.height >= 5 * bounds.width / 2
    }

    /// The strip of the column of text in `bounds` of `image` (BGR), or nil when no characters
    /// stand out; valid until the next call.
    func strip(of image: ImageView, bounds: Rect) throws -> ImageView? {
        let width = Self.columnWidth
        let height = min(width * 24, max(width, width * bounds.height / max(1, bounds.width)))
        column.reshape(width: width, height: height, channels: 3)
        let source = ImageView(data: image.data + bounds.y * image.stride + bounds.x * 3, width: bounds.width,
                               height: bounds.height, channels: 3, stride: image.stride)
        try TextGeometry.resize(source, into: column)
        // The threshold comes from the middle of the column only: a sticker's or a post's edges
        // beside the characters would otherwise be taken for ink.
        let band = (width / 5)..<(width - width / 5)
        let threshold = otsuThreshold(band)
        let inkIsDark = darkIsMinority(threshold, pixels: band.count * height)
        findRows(band: band, threshold: threshold, inkIsDark: inkIsDark)
        guard !rows.isEmpty else { return nil }
        findColumns(threshold: threshold, inkIsDark: inkIsDark)
        layOut(background: background(band: band, threshold: threshold, inkIsDark: inkIsDark))
        return strip.view
    }

    private func gray(_ row: UnsafePointer<UInt8>, _ x: Int) -> Int {
        (Int(row[3 * x]) + Int(row[3 * x + 1]) + Int(row[3 * x + 2])) / 3
    }

    private func isInk(_ value: Int, threshold: Int, inkIsDark: Bool) -> Bool {
        inkIsDark ? value <= threshold : value > threshold
    }

    /// Otsu's threshold of the gray levels in the columns `band`.
    private func otsuThreshold(_ band: Range<Int>) -> Int {
        for i in histogram.indices { histogram[i] = 0 }
        for y in 0..<column.height {
            let row = column.view.row(y)
            for x in band { histogram[gray(row, x)] += 1 }
        }
        let total = band.count * column.height
        var sum = 0.0
        for (level, count) in histogram.enumerated() { sum += Double(level * count) }
        var below = 0, sumBelow = 0.0, best = 0.0, threshold = 127
        for level in 0..<256 {
            below += histogram[level]
            guard below > 0 else { continue }
            let above = total - below
            guard above > 0 else { break }
            sumBelow += Double(level * histogram[level])
            let meanBelow = sumBelow / Double(below), meanAbove = (sum - sumBelow) / Double(above)
            let spread = Double(below) * Double(above) * (meanBelow - meanAbove) * (meanBelow - meanAbove)
            if spread > best {
                best = spread
                threshold = level
            }
        }
        return threshold
    }

    private func darkIsMinority(_ threshold: Int, pixels: Int) -> Bool {
        histogram[0...threshold].reduce(0, +) * 2 < pixels
    }

    /// Runs of rows with ink in more than a tenth of the band, at least 0.3 widths high; runs
    /// much higher than the typical one (characters that touch) are cut into equal parts.
    private func findRows(band: Range<Int>, threshold: Int, inkIsDark: Bool) {
        let height = column.height
        let minimumInk = max(1, band.count / 10), minimumRun = max(2, column.width * 3 / 10)
        var runs: [Range<Int>] = []
        var start: Int?
        for y in 0...height {
            var ink = 0
            if y < height {
                let row = column.view.row(y)
                for x in band where isInk(gray(row, x), threshold: threshold, inkIsDark: inkIsDark) { ink += 1 }
            }
            if ink > minimumInk {
                if start == nil { start = y }
            } else if let first = start {
                if y - first >= minimumRun { runs.append(max(0, first - 2)..<min(height, y + 2)) }
                start = nil
            }
        }
        rows.removeAll(keepingCapacity: true)
        guard !runs.isEmpty else { return }
        // Touching characters make long runs, so the typical height is the median of the runs
        // not much higher than the shortest.
        let shortest = runs.map(\.count).min()!
        let plain = runs.map(\.count).filter { $0 * 5 <= shortest * 8 }.sorted()
        let typical = plain[plain.count / 2]
        for run in runs {
            let parts = max(1, Int((Double(run.count) / Double(typical)).rounded()))
            for part in 0..<parts {
                rows.append((run.lowerBound + run.count * part / parts)..<(run.lowerBound + run.count * (part + 1) / parts))
            }
        }
    }

    /// For each row of characters, the run of ink columns that covers most of the middle half,
    /// so that the edges of a sticker or a post are left out.
    private func findColumns(threshold: Int, inkIsDark: Bool) {
        let width = column.width
        columns.removeAll(keepingCapacity: true)
        for cell in rows {
            var best = 0..<width, bestCover = 0, start: Int?
            for x in 0...width {
                var ink = false
                if x < width {
                    for y in cell where isInk(gray(column.view.row(y), x), threshold: threshold, inkIsDark: inkIsDark) {
                        ink = true
                        break
                    }
                }
                if ink {
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
    }

    /// Mean colour of the band's pixels that are not ink.
    private func background(band: Range<Int>, threshold: Int, inkIsDark: Bool) -> (UInt8, UInt8, UInt8) {
        var sums = (0, 0, 0), count = 0
        for y in 0..<column.height {
            let row = column.view.row(y)
            for x in band where !isInk(gray(row, x), threshold: threshold, inkIsDark: inkIsDark) {
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
