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

    /// The indices of `reading`'s characters whose column of `crop` (BGR, what the recogniser
    /// read, before it was resized to `resizedWidth` of an input `inputWidth` wide) differs in
    /// colour from the rest of the line. At most two, and never when fewer than four would remain;
    /// on a `row` of a two-line plate (a band's letter beside three characters), at most one,
    /// never leaving fewer than two.
    static func offBackground(_ reading: RecognizedText, crop: ImageView, resizedWidth: Int, inputWidth: Int,
                              row: Bool = false) -> Set<Int> {
        // Separators sit on the plate too, but between characters: only characters are compared.
        let characters = reading.characters.enumerated().filter { !PlateSearch.separators.contains($0.element.candidates.best?.character ?? " ") }
        let count = characters.count
        guard count >= (row ? 3 : 6), reading.steps > 0, resizedWidth > 0, crop.channels == 3 else { return [] }
        let stepWidth = Double(inputWidth) / Double(reading.steps)
        let scale = Double(crop.width) / Double(resizedWidth)
        let half = max(1, Int((Double(crop.height) * 0.2).rounded()))
        var blueGreen: [Double] = [], redGreen: [Double] = []
        for (_, character) in characters {
            let centre = Int(((Double(character.step) + 0.5) * stepWidth * scale).rounded())
            let colour = meanColour(crop, x0: centre - half, x1: centre + half)
            let brightness = max((colour.blue + colour.green + colour.red) / 3, 16)
            blueGreen.append((colour.blue - colour.green) / brightness)
            redGreen.append((colour.red - colour.green) / brightness)
        }
        let medianBG = median(blueGreen), medianRG = median(redGreen)
        let outliers = (0..<count).filter {
            max(abs(blueGreen[$0] - medianBG), abs(redGreen[$0] - medianRG)) > threshold
        }
        guard outliers.count <= (row ? 1 : 2) else { return [] }
        return Set(outliers.map { characters[$0].offset })
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
