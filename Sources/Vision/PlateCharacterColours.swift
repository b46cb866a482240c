import PixelCore
import Plates

/// Finds the characters of a read line that do not sit on the plate's own background: the
/// letters of a blue EU or national band, a province code on a coloured side band, the round
/// seals between a German district and its letters. OCR reads them as part of the line; no plate
/// pattern has them.
enum PlateCharacterColours {
    /// How far a character's surroundings may differ from the line's median, in either
    /// opponent-colour channel relative to brightness, before it counts as on another background
    /// (relative, so that a dim band at night counts as a bright one by day).
    static let threshold = 0.3

    /// The colour around one character of a read line, relative to its brightness.
    struct Shade {
        /// The character's index in the reading.
        var offset: Int
        var blueGreen: Double
        var redGreen: Double
    }

    /// The indices of `reading`'s characters whose column of `crop` (BGR, what the recogniser
    /// read, before it was resized to `resizedWidth` of an input `inputWidth` wide) differs in
    /// colour from the rest of the line. At most two, and never when fewer than four would remain.
    static func offBackground(_ reading: RecognizedText, crop: ImageView, resizedWidth: Int, inputWidth: Int) -> Set<Int> {
        let shades = self.shades(reading, crop: crop, resizedWidth: resizedWidth, inputWidth: inputWidth)
        guard shades.count >= 6 else { return [] }
        let outliers = outliers(shades, from: shades)
        return outliers.count <= 2 ? outliers : []
    }

    /// For each row of a two-line plate (its characters' `shades`), the characters off the
    /// background of both rows together: a band's letters beside a short lower row (`D` and its
    /// ring of stars beside `6`) are most of that row, so the row alone would take the plate's
    /// own character for the odd one out. At most two a row, never leaving a row empty.
    static func offBackground(rows: [[Shade]]) -> [Set<Int>] {
        let all = rows.flatMap { $0 }
        guard all.count >= 4 else { return rows.map { _ in [] } }
        return rows.map { row in
            let outliers = outliers(row, from: all)
            return outliers.count <= 2 && outliers.count < row.count ? outliers : []
        }
    }

    /// The characters of `shades` that differ from the median shade of `reference`.
    private static func outliers(_ shades: [Shade], from reference: [Shade]) -> Set<Int> {
        let medianBG = median(reference.map(\.blueGreen)), medianRG = median(reference.map(\.redGreen))
        return Set(shades.filter { max(abs($0.blueGreen - medianBG), abs($0.redGreen - medianRG)) > threshold }.map(\.offset))
    }

    /// The shade around each character of `reading` (separators left out: they sit on the plate
    /// too, but between characters).
    static func shades(_ reading: RecognizedText, crop: ImageView, resizedWidth: Int, inputWidth: Int) -> [Shade] {
        guard reading.steps > 0, resizedWidth > 0, crop.channels == 3 else { return [] }
        let stepWidth = Double(inputWidth) / Double(reading.steps)
        let scale = Double(crop.width) / Double(resizedWidth)
        let half = max(1, Int((Double(crop.height) * 0.2).rounded()))
        return reading.characters.enumerated().compactMap { offset, character in
            guard !PlateSearch.separators.contains(character.candidates.best?.character ?? " ") else { return nil }
            let centre = Int(((Double(character.step) + 0.5) * stepWidth * scale).rounded())
            let colour = meanColour(crop, x0: centre - half, x1: centre + half)
            let brightness = max((colour.blue + colour.green + colour.red) / 3, 16)
            return Shade(offset: offset, blueGreen: (colour.blue - colour.green) / brightness,
                         redGreen: (colour.red - colour.green) / brightness)
        }
    }

    /// The mean colour of columns x0..<x1 over the middle rows.
    private static func meanColour(_ image: ImageView, x0: Int, x1: Int) -> (blue: Double, green: Double, red: Double) {
        let left = max(0, x0), right = min(image.width, x1)
        guard right > left else { return (0, 0, 0) }
        var sums = (0.0, 0.0, 0.0)
        let top = image.height / 5, bottom = image.height - image.height / 5
        for y in top..<bottom {
            let row = image.row(y)
            for x in left..<right {
                sums.0 += Double(row[x * 3]); sums.1 += Double(row[x * 3 + 1]); sums.2 += Double(row[x * 3 + 2])
            }
        }
        let n = Double((right - left) * (bottom - top))
        return (sums.0 / n, sums.1 / n, sums.2 / n)
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }
}
