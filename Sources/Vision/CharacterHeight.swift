import PixelCore

/// Measures how tall the characters of a text line are, from the line's upright crop: the rows
/// where the image changes most from column to column are the rows the strokes cross.
enum CharacterHeight {
    /// The height of the characters in `crop` (BGR, the line upright), in the crop's rows: the
    /// run of rows around the strongest one whose horizontal gradient is at least 40% of it.
    /// `centred`: the strongest of the middle third of the rows (a row of a two-line plate,
    /// whose crop also holds the edge of the other row).
    static func rows(in crop: ImageView, centred: Bool = false) -> Int {
        band(in: crop, centred: centred).count
    }

    /// The rows of `crop` the characters' strokes cross (as `rows`): the whole crop when it is
    /// too small to measure or blank.
    static func band(in crop: ImageView, centred: Bool = false) -> Range<Int> {
        guard crop.height >= 4, crop.width >= 4 else { return 0..<crop.height }
        var energy = [Int](repeating: 0, count: crop.height)
        for y in 0..<crop.height {
            let row = crop.row(y)
            var sum = 0
            // Green only: enough for the strokes, a third of the work.
            for x in 1..<crop.width { sum += abs(Int(row[x * 3 + 1]) - Int(row[(x - 1) * 3 + 1])) }
            energy[y] = sum
        }
        // Smooth over three rows so a thin gap (between a letter's bowls) does not end the run.
        let smoothed = energy.indices.map { y in energy[max(0, y - 1)...min(energy.count - 1, y + 1)].reduce(0, +) }
        let searched = centred ? (crop.height / 3)..<(crop.height - crop.height / 3) : 0..<crop.height
        guard let peak = searched.max(by: { smoothed[$0] < smoothed[$1] }), smoothed[peak] > 0 else { return 0..<crop.height }
        let floor = smoothed[peak] * 2 / 5
        var top = peak, bottom = peak
        while top > 0, smoothed[top - 1] >= floor { top -= 1 }
        while bottom < smoothed.count - 1, smoothed[bottom + 1] >= floor { bottom += 1 }
        return top..<(bottom + 1)
    }
}
