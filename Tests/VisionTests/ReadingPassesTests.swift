import CVBridge
import ContainerCode
import Foundation
import PixelCore
import Testing
import TestSupport
@testable import Vision

@Suite("Detection passes: tiles and quarter turns")
struct ReadingPassesTests {
    @Test("native tiles are the detector's size, stay inside the area and overlap by at least a fifth")
    func nativeTiles() {
        let area = Rect(x: 10, y: 20, width: 1920, height: 1440)
        let tiles = DetectionPass.native.tiles(of: area, inputSize: 640)
        #expect(tiles.count == 12)
        for tile in tiles {
            #expect(tile.width == 640 && tile.height == 640)
            #expect(tile.x >= area.x && tile.y >= area.y && tile.maxX <= area.maxX && tile.maxY <= area.maxY)
        }
        // Every column and row of the area is covered, and neighbours share at least 128 pixels.
        let xs = Set(tiles.map(\.x)).sorted(), ys = Set(tiles.map(\.y)).sorted()
        #expect(xs.first == area.x && xs.last! + 640 == area.maxX && ys.first == area.y && ys.last! + 640 == area.maxY)
        for (a, b) in zip(xs, xs.dropFirst()) { #expect(a + 640 - b >= 128) }
        for (a, b) in zip(ys, ys.dropFirst()) { #expect(a + 640 - b >= 128) }
    }

    @Test("a 12-megapixel photo is cut into at most five tiles a side, a quarter of its long side each")
    func largePhotoTiles() {
        let tiles = DetectionPass.native.tiles(of: Rect(x: 0, y: 0, width: 4000, height: 3000), inputSize: 640)
        #expect(tiles.count == 20)
        #expect(tiles.allSatisfy { $0.width == 1000 && $0.height == 1000 && $0.maxX <= 4000 && $0.maxY <= 3000 })
    }

    @Test("which passes apply: quarters above twice the input, native above 1.25 times")
    func passesApply() {
        let small = Rect(x: 0, y: 0, width: 700, height: 500), medium = Rect(x: 0, y: 0, width: 1000, height: 750)
        let large = Rect(x: 0, y: 0, width: 1920, height: 1080)
        #expect(!DetectionPass.quarters.applies(to: medium, inputSize: 640) && DetectionPass.quarters.applies(to: large, inputSize: 640))
        #expect(!DetectionPass.native.applies(to: small, inputSize: 640) && DetectionPass.native.applies(to: medium, inputSize: 640))
        #expect(DetectionPass.native.tiles(of: small, inputSize: 640) == [Rect(x: 0, y: 0, width: 640, height: 500), Rect(x: 60, y: 0, width: 640, height: 500)])
    }

    @Test("a quarter turn moves each pixel where it belongs, and boxes map back to the original")
    func quarterTurns() {
        let image = PixelBuffer(width: 5, height: 3, channels: 3)
        let base = image.data.assumingMemoryBound(to: UInt8.self)
        for y in 0..<3 {
            for x in 0..<5 { for c in 0..<3 { base[y * image.stride + 3 * x + c] = UInt8(10 * y + x) } }
        }
        let area = Rect(x: 1, y: 0, width: 4, height: 3), turned = PixelBuffer()
        for turn in QuarterTurn.allCases {
            turn.turn(image.view, area: area, into: turned)
            #expect(turned.width == 3 && turned.height == 4)
            let value = { (x: Int, y: Int) in turned.view.row(y)[3 * x] }
            // The area's top-left pixel (x 1, y 0, value 1) lands top-right when turned
            // clockwise and bottom-left when turned anticlockwise.
            if turn == .clockwise {
                #expect(value(2, 0) == 1 && value(0, 0) == 21 && value(0, 3) == 24)
            } else {
                #expect(value(0, 3) == 1 && value(0, 0) == 4 && value(2, 0) == 24)
            }
            // A single pixel found in the turned copy maps back to the pixel it came from.
            for ty in 0..<4 {
                for tx in 0..<3 {
                    let back = turn.original(of: Rect(x: tx, y: ty, width: 1, height: 1), area: area)
                    #expect(image.view.row(back.y)[3 * back.x] == value(tx, ty))
                }
            }
        }
    }

    @Test("a column of stacked characters between dark edges is laid out as one row of characters")
    func stackedColumn() throws {
        // A light sticker with dark edges, holding five dark blocks one above the other.
        let image = PixelBuffer(width: 60, height: 400, channels: 3)
        image.fill(220)
        image.paint(Rect(x: 0, y: 0, width: 6, height: 400), 30)
        image.paint(Rect(x: 54, y: 0, width: 6, height: 400), 30)
        for index in 0..<5 { image.paint(Rect(x: 18, y: 20 + index * 75, width: 24, height: 50), 20) }
        let stacked = StackedText()
        let strip = try #require(try stacked.strip(of: image.view, bounds: Rect(x: 0, y: 0, width: 60, height: 400))).strip
        // Five cells side by side, each a character (13 columns of the 32-wide column) with a
        // little margin, 8 columns apart; without the edges.
        #expect(strip.width > 5 * 20 && strip.width < 5 * 30 + 8, "\(strip.width)")
        #expect(strip.height <= 40, "one character high: \(strip.height)")
        var inkColumns = 0
        for x in 0..<strip.width where (0..<strip.height).contains(where: { strip.row($0)[3 * x] < 100 }) { inkColumns += 1 }
        #expect(inkColumns >= 5 * 10 && inkColumns <= 5 * 16, "ink in \(inkColumns) columns")
        // A plain column has no characters.
        image.fill(220)
        #expect(try stacked.strip(of: image.view, bounds: Rect(x: 0, y: 0, width: 60, height: 400)) == nil)
        #expect(StackedText.isColumn(Rect(x: 0, y: 0, width: 20, height: 50)) && !StackedText.isColumn(Rect(x: 0, y: 0, width: 20, height: 45)))
    }

    /// Cells of a strip: runs of columns with dark ink, as (first column, width).
    private func inkCells(_ strip: ImageView) -> [(Int, Int)] {
        var cells: [(Int, Int)] = [], start: Int?
        for x in 0...strip.width {
            let ink = x < strip.width && (0..<strip.height).contains { strip.row($0)[3 * x] < 100 }
            if ink, start == nil { start = x }
            if !ink, let first = start { cells.append((first, x - first)); start = nil }
        }
        return cells
    }

    @Test("lines stacked under each other are found by their ink, as wide as their characters, with a door's ribs left out")
    func textRows() throws {
        let image = PixelBuffer(width: 200, height: 200, channels: 3)
        image.fill(200)
        // Ribs through every row, then three lines of three characters; the last two lines
        // joined by a thin bridge of ink (blur, a cable).
        image.paint(Rect(x: 20, y: 0, width: 3, height: 200), 60)
        image.paint(Rect(x: 180, y: 0, width: 3, height: 200), 60)
        for line in 0..<3 {
            for character in 0..<3 { image.paint(Rect(x: 70 + 22 * character, y: 20 + 40 * line, width: 16, height: 26), 20) }
        }
        image.paint(Rect(x: 90, y: 126, width: 4, height: 14), 20)
        let lines = TextRows().lines(in: image.view, region: Rect(x: 0, y: 10, width: 200, height: 150), height: 26)
        #expect(lines.count == 3, "\(lines)")
        for (index, line) in lines.enumerated() {
            #expect(abs(line.y - (20 + 40 * index)) <= 8 && abs(line.maxY - (46 + 40 * index)) <= 8, "\(line)")
            #expect(line.x > 23 && line.x <= 70 && line.maxX >= 130 && line.maxX < 180, "\(line)")
        }
    }

    @Test("a detector's box that misses the column's ends: the characters above and below at its pitch join it, the rest does not")
    func stackedColumnReach() throws {
        let image = PixelBuffer(width: 40, height: 700, channels: 3)
        image.fill(220)
        // Eleven characters 24 px high at a 32 px pitch from y = 100; far below, after a wide
        // gap, one more mark (a label further down the door).
        for index in 0..<11 { image.paint(Rect(x: 12, y: 100 + index * 32, width: 16, height: 24)) }
        image.paint(Rect(x: 12, y: 620, width: 16, height: 24))
        let stacked = StackedText()
        // The box covers characters 3 to 8 only.
        let (strip, span) = try #require(try stacked.strip(of: image.view, bounds: Rect(x: 0, y: 196, width: 40, height: 180)))
        #expect(inkCells(strip).count == 11, "\(inkCells(strip))")
        #expect(abs(span.y - 100) <= 4 && abs(span.maxY - (100 + 10 * 32 + 24)) <= 4, "\(span)")
        // With no reach, only the box's own characters.
        let own = try #require(try stacked.strip(of: image.view, bounds: Rect(x: 0, y: 196, width: 40, height: 180), reach: 0))
        #expect(inkCells(own.strip).count == 6, "\(inkCells(own.strip))")
    }

    @Test("a tilted column is cut along its box: every character found, none cut off by the tilt")
    func stackedColumnTilted() throws {
        let image = PixelBuffer(width: 200, height: 520, channels: 3)
        image.fill(220)
        // Ten H-shaped characters 16 x 24 at a 36 px pitch down a line leaning 8 degrees (top
        // to the right, as OpenCV's box of angle 8 leans): over the column the centres move
        // sideways by about three characters' widths.
        let radians = 8.0 * .pi / 180, down = (x: -sin(radians), y: cos(radians))
        let centre = (x: 100.0, y: 260.0)
        func paint(_ x: Int, _ y: Int, _ width: Int, _ height: Int) { image.paint(Rect(x: x, y: y, width: width, height: height)) }
        for index in 0..<10 {
            let t = Double(index - 5) * 36 + 18
            let cx = Int(centre.x + t * down.x), cy = Int(centre.y + t * down.y)
            paint(cx - 8, cy - 12, 4, 24)
            paint(cx + 4, cy - 12, 4, 24)
            paint(cx - 4, cy - 2, 8, 4)
        }
        let box = RotatedBox(centerX: centre.x, centerY: centre.y, width: 30, height: 360, angle: 8)
        let stacked = StackedText()
        let (strip, span) = try #require(try stacked.strip(of: image.view, box: box))
        #expect(inkCells(strip).count == 10, "\(inkCells(strip))")
        #expect(span.y < 90 && span.maxY > 430, "\(span)")
        // The same column cut upright, by its bounds, loses the characters the tilt moves out.
        let upright = try #require(try stacked.strip(of: image.view, bounds: Rect(x: 85, y: 80, width: 30, height: 360)))
        #expect(inkCells(upright.strip).count < 10, "\(inkCells(upright.strip))")
    }

    @Test("solid blocks above a column at its pitch (a rib's shadow, a label's edge) do not join it")
    func stackedColumnSolidBlocks() throws {
        let image = PixelBuffer(width: 40, height: 600, channels: 3)
        image.fill(220)
        // Three solid blocks, then six H-shaped characters at the same pitch.
        for index in 0..<3 { image.paint(Rect(x: 8, y: 40 + index * 32, width: 24, height: 24)) }
        for index in 3..<9 {
            image.paint(Rect(x: 12, y: 40 + index * 32, width: 4, height: 24))
            image.paint(Rect(x: 24, y: 40 + index * 32, width: 4, height: 24))
            image.paint(Rect(x: 16, y: 50 + index * 32, width: 8, height: 4))
        }
        let span = try #require(try StackedText().strip(of: image.view, bounds: Rect(x: 0, y: 40 + 3 * 32, width: 40, height: 6 * 32))).span
        #expect(span.y >= 40 + 3 * 32 - 6, "\(span)")
    }

    @Test("characters that touch are cut at the pitch, and a box round the last one is left out")
    func stackedColumnTouchingAndBoxed() throws {
        let image = PixelBuffer(width: 40, height: 400, channels: 3)
        image.fill(220)
        // Six characters at a 32 px pitch; the third and fourth joined by a thin bridge of ink
        // (as blur joins them); the sixth inside a box 2 px thick.
        for index in 0..<6 { image.paint(Rect(x: 14, y: 40 + index * 32, width: 12, height: 24)) }
        image.paint(Rect(x: 18, y: 40 + 2 * 32 + 24, width: 4, height: 8))
        let box = Rect(x: 8, y: 40 + 5 * 32 - 5, width: 24, height: 34)
        image.paint(box)
        image.paint(Rect(x: box.x + 2, y: box.y + 2, width: box.width - 4, height: box.height - 4), 220)
        image.paint(Rect(x: 14, y: 40 + 5 * 32, width: 12, height: 24))
        let stacked = StackedText()
        let (strip, _) = try #require(try stacked.strip(of: image.view, bounds: Rect(x: 0, y: 30, width: 40, height: 210)))
        let cells = inkCells(strip)
        #expect(cells.count == 6, "\(cells)")
        // The boxed character's cell is as narrow as the others: its box's sides are not in it.
        #expect(cells.allSatisfy { $0.1 <= cells[0].1 + 2 }, "\(cells)")
    }

    @Test("bold letters with two bars (Z, 2), whose ink profile repeats at half the pitch, are cut one letter to a cell")
    func stackedColumnTwoBars() throws {
        let image = PixelBuffer(width: 40, height: 400, channels: 3)
        image.fill(220)
        // Eight Z-like shapes 16 x 24 at a 32 px pitch: a bar a third of their height at the top
        // and at the bottom, a narrow stroke between, and a gap as tall as a bar to the next.
        for index in 0..<8 {
            let y = 40 + index * 32
            image.paint(Rect(x: 12, y: y, width: 16, height: 8))
            image.paint(Rect(x: 18, y: y + 8, width: 4, height: 8))
            image.paint(Rect(x: 12, y: y + 16, width: 16, height: 8))
        }
        let stacked = StackedText()
        let (strip, _) = try #require(try stacked.strip(of: image.view, bounds: Rect(x: 0, y: 30, width: 40, height: 8 * 32 + 10)))
        #expect(inkCells(strip).count == 8, "\(inkCells(strip))")
    }

    @Test("a letter narrow at its foot (7) that touches the next is cut where they touch, not through its stem")
    func stackedColumnNarrowFoot() throws {
        let image = PixelBuffer(width: 40, height: 400, channels: 3)
        image.fill(220)
        // A 7-like first letter (a bar 16 px wide over a stem 4 px wide) joined to the next
        // character by a bridge 5 px wide (as blur joins them); five blocks after it, 32 px apart.
        image.paint(Rect(x: 12, y: 40, width: 16, height: 4))
        image.paint(Rect(x: 20, y: 44, width: 4, height: 20))
        image.paint(Rect(x: 18, y: 64, width: 5, height: 8))
        for index in 1..<6 { image.paint(Rect(x: 14, y: 40 + index * 32, width: 12, height: 24)) }
        let stacked = StackedText()
        let (strip, _) = try #require(try stacked.strip(of: image.view, bounds: Rect(x: 0, y: 30, width: 40, height: 6 * 32)))
        #expect(inkCells(strip).count == 6, "\(inkCells(strip))")
        // Cut through the stem, the second cell would hold the 7's foot and be a third taller
        // than a character (the strip is as high as its highest cell).
        #expect(strip.height <= 28, "\(strip.height)")
    }

    @Test("a column whose upper part lies in shadow keeps its shaded characters: the threshold follows the paint")
    func stackedColumnInShadow() throws {
        let image = PixelBuffer(width: 40, height: 400, channels: 3)
        // Paint at 220 from row 200 down, darkening smoothly upwards to 60 at the top (a shadow,
        // or glare the other way round); ink 20 darkened alike. Eight characters 12 x 24 at a
        // 32 px pitch; the detector's box holds only the last four, in the light.
        func paint(_ y: Int) -> Double { y >= 200 ? 220 : 220 - Double(200 - y) * 0.8 }
        let base = image.data.assumingMemoryBound(to: UInt8.self)
        for y in 0..<image.height {
            let character = (0..<8).contains { (40 + $0 * 32)..<(64 + $0 * 32) ~= y }
            for x in 0..<image.width {
                let ink = character && (14..<26).contains(x)
                let value = UInt8(ink ? 20 * paint(y) / 220 : paint(y))
                for channel in 0..<3 { base[y * image.stride + 3 * x + channel] = value }
            }
        }
        let stacked = StackedText()
        let (strip, span) = try #require(try stacked.strip(of: image.view, bounds: Rect(x: 0, y: 160, width: 40, height: 140)))
        #expect(inkCells(strip).count == 8, "\(inkCells(strip))")
        #expect(span.y <= 40, "\(span)")
    }

    @Test("a column with characters lost in its middle is read as its longest piece, not as one text")
    func stackedColumnLostMiddle() throws {
        let image = PixelBuffer(width: 40, height: 400, channels: 3)
        image.fill(220)
        // Ten places at a 32 px pitch; the fifth to seventh characters are gone (glare, a
        // sticker), leaving four above the blank and three below it.
        for index in [0, 1, 2, 3, 7, 8, 9] { image.paint(Rect(x: 14, y: 40 + index * 32, width: 12, height: 24)) }
        let stacked = StackedText()
        let (strip, span) = try #require(try stacked.strip(of: image.view, bounds: Rect(x: 0, y: 30, width: 40, height: 10 * 32)))
        #expect(inkCells(strip).count == 4, "\(inkCells(strip))")
        #expect(span.maxY < 40 + 4 * 32, "\(span)")
    }
}

@Suite("Choosing how far to look")
struct ReadingChoiceTests {
    func fragment(_ text: String, _ bounds: Rect) -> TextFragment {
        TextFragment(characters: text.map { CharacterCandidates([Candidate($0, 0.9)]) },
                     box: RotatedBox(centerX: Double(bounds.x + bounds.width / 2), centerY: Double(bounds.y + bounds.height / 2),
                                     width: Double(bounds.width), height: Double(bounds.height), angle: 0),
                     bounds: bounds)
    }

    @Test("a view whose lines mostly run up or down looks turned")
    func turnedView() {
        let upright = [fragment("GMT0700", Rect(x: 50, y: 40, width: 46, height: 260)),
                       fragment("SPEED00KM", Rect(x: 460, y: 80, width: 53, height: 284)),
                       fragment("W", Rect(x: 1700, y: 1100, width: 20, height: 22))]
        #expect(ContainerCodeReader.looksTurned(upright))
        let level = upright + [fragment("CAUTION", Rect(x: 400, y: 600, width: 90, height: 20)),
                               fragment("MAXGROSS", Rect(x: 400, y: 640, width: 90, height: 20))]
        #expect(!ContainerCodeReader.looksTurned(level))
        #expect(!ContainerCodeReader.looksTurned([upright[0]]), "one line is not enough to turn the photo")
    }

    @Test("a character read as another script's letter keeps its Latin alternatives; spaces are dropped")
    func otherScripts() {
        let text = RecognizedText(characters: [
            RecognizedCharacter(candidates: CharacterCandidates([Candidate("7", 0.9)]), step: 1),
            RecognizedCharacter(candidates: CharacterCandidates([Candidate("乙", 0.6), Candidate("z", 0.3)]), step: 3),
            RecognizedCharacter(candidates: CharacterCandidates([Candidate(" ", 0.8), Candidate("1", 0.1)]), step: 5),
            RecognizedCharacter(candidates: CharacterCandidates([Candidate("位", 0.9)]), step: 7),
            RecognizedCharacter(candidates: CharacterCandidates([Candidate("0", 0.9)]), step: 9),
        ], steps: 12)
        let fragment = TextFragment(text, box: RotatedBox(centerX: 0, centerY: 0, width: 1, height: 1, angle: 0),
                                    bounds: Rect(x: 0, y: 0, width: 1, height: 1))
        #expect(fragment.text == "7Z0")
        #expect(fragment.characters[1].candidates == [Candidate("Z", 0.3)])
    }

    @Test("a letter that upper-cases to two (ß) is no candidate, and no crash")
    func twoLetterUppercase() {
        let text = RecognizedText(characters: [
            RecognizedCharacter(candidates: CharacterCandidates([Candidate("ß", 0.7), Candidate("B", 0.2)]), step: 1),
            RecognizedCharacter(candidates: CharacterCandidates([Candidate("5", 0.9)]), step: 3),
        ], steps: 12)
        let fragment = TextFragment(text, box: RotatedBox(centerX: 0, centerY: 0, width: 1, height: 1, angle: 0),
                                    bounds: Rect(x: 0, y: 0, width: 1, height: 1))
        #expect(fragment.text == "B5")
    }
}

@Suite("Reader on real photos (../shared/realdata)", .enabled(if: Fixtures.hasRealData, "needs ../shared/realdata"))
struct RealPhotoReadingTests {
    func read(_ name: String) throws -> [ContainerCodeRead] {
        let bytes = try [UInt8](Data(contentsOf: Fixtures.realData.appendingPathComponent("images/\(name)")))
        let image = PixelBuffer()
        try ImageCodec().decode(bytes, format: .bgr, into: image)
        return try makeReader().read(image.view)
    }

    @Test("photos taken with the phone on its side are turned and read", arguments: [
        ("DUY_det_0006918.jpg", "TCNU7081777"), ("DUY_det_0007560.jpg", "FANU1869720"),
    ])
    func turnedPhotos(file: String, code: String) throws {
        let reads = try read(file)
        #expect(reads.contains { $0.code.string == code }, "\(reads.map(\.code.string))")
        #expect(reads.allSatisfy { $0.code.string == code || $0.needsReview })
        // The box is in the photo's own pixels: these codes run up the left half of the photo.
        let box = try #require(reads.first { $0.code.string == code }?.box)
        #expect(box.height > box.width && box.x < 700)
    }

    @Test("small two-line codes across a yard photo are read at full resolution")
    func yardPhoto() throws {
        let truth: Set = ["SEGU9941418", "SEKU9197912", "SEKU9201334", "SEKU9203173", "SEKU9203379", "SEKU9206233",
                          "SEKU9207796", "TEMU9545687", "TEMU9548541", "TEMU9553126"]
        let reads = try read("JB_container_0.jpeg")
        // Measured: 5 of the 10, three of them sure; none wrong and sure.
        #expect(reads.filter { truth.contains($0.code.string) }.count >= 4, "\(reads.map(\.code.string))")
        #expect(reads.allSatisfy { truth.contains($0.code.string) || $0.needsReview })
    }
}

extension PixelBuffer {
    /// Paints `rect` of a BGR image one gray `value`.
    func paint(_ rect: Rect, _ value: UInt8 = 20) {
        let base = data.assumingMemoryBound(to: UInt8.self)
        for y in rect.y..<rect.maxY { for x in (3 * rect.x)..<(3 * rect.maxX) { base[y * stride + x] = value } }
    }
}
