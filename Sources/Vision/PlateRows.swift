import Foundation
import CVBridge
import ContainerCode
import PixelCore
import Plates

/// Two-line plates (GB square plates, German two-line plates, the rear plates of Chinese large
/// vehicles): two lines of text, one above the other, read as one plate.
extension PlateReader {
    /// Two lines that may be the top and bottom rows of one plate.
    struct Rows {
        var top: RotatedBox
        var bottom: RotatedBox
    }

    /// The pairs of `lines` that may be the rows of one plate (`isRow`), and the halves of each
    /// line about as tall as long: on a small plate the detector finds both rows as one box.
    static func stacked(_ lines: [RotatedBox]) -> [Rows] {
        let level = lines.map(upright).filter { abs($0.angle) < 30 }
        var pairs: [Rows] = []
        for bottom in level {
            let tops = level.filter { isRow($0, above: bottom) }
            // A row is read whole: a word of it (a German district without its letters) is not
            // paired when the joined row is.
            for top in tops where !tops.contains(where: { $0 != top && contains($0, top) }) {
                pairs.append(Rows(top: top, bottom: bottom))
                // A Chinese plate's top row spreads two characters over the plate's width: the
                // detector may find one of them. Read the row as wide as the number, too.
                if top.width < 0.8 * bottom.width {
                    var spread = top
                    spread.centerX = bottom.centerX
                    spread.width = bottom.width
                    pairs.append(Rows(top: spread, bottom: bottom))
                }
            }
            if bottom.width < 1.6 * bottom.height, bottom.height >= 8 {
                pairs.append(halves(bottom))
            }
        }
        return pairs
    }

    /// The characters `reading` reads, separators left out.
    private static func characters(of reading: RecognizedText) -> String {
        String(reading.characters.compactMap { $0.candidates.best?.character }.filter { !PlateSearch.separators.contains($0) })
    }

    /// The characters `reading` reads, separators left out, without the characters at its ends
    /// that it is unsure of (`sureEnd`): read wider, the plate's border or frame gives an unsure
    /// `0`, `O` or `F` at the end of a top row, which adds no character to the plate.
    static func sureCharacters(of reading: RecognizedText) -> String {
        let read = reading.characters.compactMap(\.candidates.best).filter { !PlateSearch.separators.contains($0.character) }
        guard let first = read.firstIndex(where: { $0.probability >= sureEnd }),
              let last = read.lastIndex(where: { $0.probability >= sureEnd }) else { return "" }
        return String(read[first...last].map(\.character))
    }

    /// A character read wider adds to a row's ends only when read this surely.
    static let sureEnd = 0.8

    /// True when upright `outer` spans upright `inner` along the row (a joined line and its word).
    private static func contains(_ outer: RotatedBox, _ inner: RotatedBox) -> Bool {
        let slack = 0.1 * inner.height
        return outer.centerX - outer.width / 2 <= inner.centerX - inner.width / 2 + slack
            && outer.centerX + outer.width / 2 >= inner.centerX + inner.width / 2 - slack
            && outer.width > inner.width
    }

    /// The upper and lower halves of an upright `box`.
    static func halves(_ box: RotatedBox) -> Rows {
        let radians = box.angle * .pi / 180, quarter = box.height / 4
        // Up across the box: perpendicular to its long side, towards smaller y.
        let upX = sin(radians) * quarter, upY = -cos(radians) * quarter
        func half(_ sign: Double) -> RotatedBox {
            RotatedBox(centerX: box.centerX + sign * upX, centerY: box.centerY + sign * upY, width: box.width,
                       height: box.height / 2, angle: box.angle, score: box.score)
        }
        return Rows(top: half(1), bottom: half(-1))
    }

    /// True when `top` (upright) may be the row above `bottom` on one plate: close above it,
    /// centred over it (either may be the wider: a German plate's number can be two digits under
    /// a district and letters), and as tall or down to a third as tall (a Chinese
    /// plate's top row is about half as tall as its number). The detector's boxes reach well
    /// beyond the characters, so the boxes of two rows overlap: their centres are compared.
    static func isRow(_ top: RotatedBox, above bottom: RotatedBox) -> Bool {
        let rise = bottom.centerY - top.centerY
        return rise > 0.4 * bottom.height && rise < 1.3 * bottom.height
            && abs(top.centerX - bottom.centerX) < 0.25 * max(top.width, bottom.width)
            && min(top.width, bottom.width) > 0.2 * max(top.width, bottom.width)
            && top.height > 0.3 * bottom.height && top.height < 1.3 * bottom.height
    }

    /// The finding in two rows, read top then bottom as one line; nil when no pattern fits.
    func read(_ image: ImageView, rows: Rows) throws -> PlateFinding? {
        // A row of two characters (a Chinese province and letter) is hardly longer than tall.
        if let screen {
            var screened: [CharacterCandidates] = []
            for row in [rows.top, rows.bottom] {
                guard try cut(image, row, minimumAspect: 1) else { return nil }
                screened += try screen.recognize(crop.view, fullWidth: true).characters.map(\.candidates)
            }
            guard search.nearlyFits(screened) else { return nil }
        }
        // Each row without its characters off the plate's colour (a band's letters), or whole
        // where that leaves no plate.
        var readings: [RecognizedText] = [], shades: [[PlateCharacterColours.Shade]] = []
        var heights: [Double] = []
        for row in [rows.top, rows.bottom] {
            guard try cut(image, row, minimumAspect: 1) else { return nil }
            let reading = try recognizer.recognize(crop.view, fullWidth: true)
            readings.append(reading)
            shades.append(self.shades(reading))
            heights.append(characterHeight(of: row, centred: true))
        }
        let aside = PlateCharacterColours.offBackground(rows: shades)
        for (row, (reading, off)) in zip([rows.top, rows.bottom], zip(readings, aside)) {
            lastLines.append(PlateLine(box: row.bounds(within: image.width, image.height), reading: reading, aside: off))
        }
        let characters = readings.flatMap { $0.characters.map(\.candidates) }
        let kept = zip(readings, aside).flatMap { Self.kept($0, aside: $1) }
        let topText = readings.lazy.map { Self.characters(of: $0) }.first { !$0.isEmpty } ?? ""
        // The top row's: on the formats with two rows it is never the taller, and a short bottom
        // row (two digits) gives the stroke measure too few strokes to go by.
        let height = heights[0]
        guard var read = search.search(kept) ?? search.search(characters) else { return nil }
        // As a line is read wider: the letters of a German top row can stand apart from its
        // district (`WAF   D`), outside the detected row.
        if !read.needsReview, try cut(image, Self.widened(rows.top), minimumAspect: 1) {
            let wider = Self.sureCharacters(of: try recognizer.recognize(crop.view, fullWidth: true))
            if Self.extends(topText, wider) {
                read.reviewReasons.append("read a character wider, the top row reads as \(wider)")
            }
        }
        let box = rows.top.bounds(within: image.width, image.height).union(rows.bottom.bounds(within: image.width, image.height))
        let extent = try PlateBackground.extent(image, line: rows.bottom, characterHeight: max(heights[0], heights[1]), cut: surround)
        let small = height < minimumCharacterHeight
        return PlateFinding(read: small ? nil : read, box: box, characterHeight: height, backgroundExtent: extent,
                            guess: small ? read : nil)
    }
}
