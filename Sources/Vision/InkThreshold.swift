import PixelCore

/// Splits gray levels into ink and background: Otsu's threshold over a histogram, with ink the
/// smaller side (painted characters cover less of their surroundings than the paint around them).
struct InkThreshold {
    /// Gray levels at or below it are the dark side.
    let level: Int
    /// True when the dark side is the ink.
    let inkIsDark: Bool

    /// The threshold of `histogram` (256 counts of gray levels).
    init(histogram: [Int]) {
        let total = histogram.reduce(0, +)
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
        level = threshold
        inkIsDark = histogram[0...threshold].reduce(0, +) * 2 < total
    }

    /// The threshold of the gray levels in `columns` x `rows` of `image` (BGR); `counts` is
    /// scratch space for the histogram, kept by the caller so that nothing is allocated.
    init(of image: ImageView, columns: Range<Int>, rows: Range<Int>, counts: inout [Int]) {
        counts.removeAll(keepingCapacity: true)
        counts.append(contentsOf: repeatElement(0, count: 256))
        for y in rows {
            let row = image.row(y)
            for x in columns { counts[Self.gray(row, x)] += 1 }
        }
        self.init(histogram: counts)
    }

    /// True when `gray` is ink.
    func isInk(_ gray: Int) -> Bool { inkIsDark ? gray <= level : gray > level }

    /// The gray level of pixel `x` of a BGR row.
    static func gray(_ row: UnsafePointer<UInt8>, _ x: Int) -> Int {
        (Int(row[3 * x]) + Int(row[3 * x + 1]) + Int(row[3 * x + 2])) / 3
    }
}
