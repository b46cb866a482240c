import CVBridge
import PixelCore

/// How far the background of a line's characters reaches above and below them. A plate is a
/// small panel: its background ends a fraction of a character beyond the characters, at its
/// border or the vehicle around it. Text painted on a body panel or a trailer door (a fleet
/// number) has the same surface for a character height and more on both sides.
enum PlateBackground {
    /// Rows of the upright cut per character height.
    static let rowsPerCharacter = 16
    /// How far the measure looks above and below the characters, in character heights.
    static let reach = 1.5

    /// The smaller of the two reaches (above, below) of the characters' background, in
    /// character heights, at most `reach`. `line` is the text line, `characterHeight` its
    /// characters' height in image pixels; `cut` is scratch space.
    static func extent(_ image: ImageView, line: RotatedBox, characterHeight: Double, cut: PixelBuffer) throws(ShimError) -> Double {
        let upright = PlateReader.upright(line)
        let spanRows = Int((Double(rowsPerCharacter) * (1 + 2 * reach)).rounded())
        let span = characterHeight * (1 + 2 * reach)
        // The middle of the line's length: its ends may hold a band or a screw.
        let length = upright.width * 0.84
        guard characterHeight >= 2, length >= 2 else { return 0 }
        let columns = min(256, max(8, Int((Double(spanRows) * length / span).rounded())))
        cut.reshape(width: columns, height: spanRows, channels: 3)
        let box = RotatedBox(centerX: upright.centerX, centerY: upright.centerY, width: length, height: span,
                             angle: upright.angle, score: upright.score)
        try TextGeometry.crop(image, box: box, keepOrientation: true, into: cut)
        return extent(of: cut.view)
    }

    /// The same measure on a cut already made upright: the characters fill the middle
    /// `rowsPerCharacter` rows, with `reach` character heights above and below.
    static func extent(of cut: ImageView) -> Double {
        let top = Int((Double(rowsPerCharacter) * reach).rounded()), bottom = top + rowsPerCharacter
        guard cut.height >= bottom + 1, cut.width > 0 else { return 0 }
        var levels = [Int](repeating: 0, count: cut.width)
        var band: [Int] = []
        band.reserveCapacity(cut.width * rowsPerCharacter)
        for y in top..<bottom {
            grey(row: y, of: cut, into: &levels)
            band += levels
        }
        band.sort()
        // Characters cover under half of their band: its median is the background, and the end
        // farther from it the ink.
        let background = band[band.count / 2]
        let low = band[band.count / 10], high = band[band.count - 1 - band.count / 10]
        let ink = background - low > high - background ? low : high
        let tolerance = abs(background - ink) / 2 + 1
        func run(_ rows: some Sequence<Int>) -> Int {
            var count = 0
            for y in rows {
                grey(row: y, of: cut, into: &levels)
                levels.sort()
                // The median of the row: a thin rod or a door seam across it does not end it.
                guard abs(levels[levels.count / 2] - background) <= tolerance else { break }
                count += 1
            }
            return count
        }
        let above = run(stride(from: top - 1, through: 0, by: -1)), below = run(bottom..<cut.height)
        return Double(min(above, below)) / Double(rowsPerCharacter)
    }

    /// Row `y` of the BGR `image` as grey levels (the mean of the three channels), in `levels`.
    private static func grey(row y: Int, of image: ImageView, into levels: inout [Int]) {
        let pixels = image.row(y)
        for x in 0..<image.width {
            levels[x] = (Int(pixels[3 * x]) + Int(pixels[3 * x + 1]) + Int(pixels[3 * x + 2])) / 3
        }
    }
}
