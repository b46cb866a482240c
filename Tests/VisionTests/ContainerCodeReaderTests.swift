import CVBridge
import ContainerCode
import Foundation
import Inference
import PixelCore
import Testing
import TestSupport
@testable import Vision

/// The committed OCR models (models/ocr), loaded once per test as `portsight read` loads them.
func makeReader(depth: ReadDepth = .thorough) throws -> ContainerCodeReader {
    try ContainerCodeReader(modelsIn: Fixtures.root.appendingPathComponent("models/ocr").path, depth: depth, engine: Fixtures.engine)
}

/// Frame `index` of the sample clip, BGR.
func sampleFrame(_ index: Int) throws -> PixelBuffer {
    let capture = try VideoCapture(uri: Fixtures.sampleClip, kind: .file)
    let buffer = PixelBuffer()
    for _ in 0...index { _ = try capture.read(into: buffer) }
    return buffer
}

@Suite("Container code reader on the sample clip")
struct ContainerCodeReaderTests {
    @Test("reads the painted code and its size/type from a frame where the container is in full view")
    func readsSampleCode() throws {
        let truth = "PSGU4182735"
        let frame = try sampleFrame(130)
        let reads = try makeReader().read(frame.view)
        let read = try #require(reads.first)
        #expect(read.code.string == truth)
        #expect(read.sizeType == "22G1")
        #expect(!read.checkDigitInferred)
        // The code sits on the container's side: its box lies inside the container's ground-truth box.
        let container = Rect(x: 190, y: 420, width: 420, height: 180)
        #expect(read.box.x >= container.x - 8 && read.box.maxX <= container.maxX + 40 && read.box.y >= container.y - 8)
        #expect(reads.allSatisfy { $0.code.string == truth || $0.needsReview }, "no other code reported as sure")
    }

    @Test("a frame with no container gives no code")
    func emptyFrame() throws {
        // The view does not own its pixels: a temporary buffer would be freed before `read` runs
        // (a ThreadSanitizer run crashed in OpenCV's resize reading it).
        let frame = try sampleFrame(10)
        let reads = try withExtendedLifetime(frame) { try makeReader().read(frame.view) }
        #expect(reads.isEmpty)
    }

    @Test("a missing model file is an error naming the file")
    func missingModel() {
        let error = #expect(throws: ModelError.self) { _ = try TextDetector(modelPath: "/nonexistent/text_det.onnx", engine: Fixtures.engine) }
        #expect(error?.description.contains("/nonexistent/text_det.onnx") == true)
    }

    @Test("blank, tiny, huge and odd-sized images give no code and no crash, in a bounded number of runs")
    func degenerateImages() throws {
        let reader = try makeReader()
        for (width, height) in [(1, 1), (7, 7), (640, 480), (3000, 40), (40, 3000), (6000, 4000)] {
            let image = PixelBuffer(width: width, height: height, channels: 3)
            image.fill(128)
            #expect(try reader.read(image.view).isEmpty, "\(width)x\(height)")
            // Whole view, four quarters, at most 25 tiles.
            #expect(reader.timings.detectorRuns <= 30, "\(width)x\(height): \(reader.timings.detectorRuns) runs")
        }
        // A camera's quick read stops after the quarters.
        let quick = try makeReader(depth: .quick)
        let large = PixelBuffer(width: 6000, height: 4000, channels: 3)
        large.fill(128)
        #expect(try quick.read(large.view).isEmpty)
        #expect(quick.timings.detectorRuns == 5)
    }
}

@Suite("Assembling fragments into codes")
struct AssemblyTests {
    /// A line as the recogniser reads it: each character in its place along the box.
    func fragment(_ text: String, x: Int, y: Int, height: Int = 30) -> TextFragment {
        let width = text.count * height * 2 / 3
        var line = TextFragment(characters: text.map { CharacterCandidates([Candidate($0, 0.95)]) },
                                box: RotatedBox(centerX: Double(x + width / 2), centerY: Double(y + height / 2),
                                                width: Double(width), height: Double(height), angle: 0),
                                bounds: Rect(x: x, y: y, width: width, height: height))
        line.positions = (0..<text.count).map { (Double($0) + 0.5) / Double(text.count) }
        return line
    }

    @Test("owner + category, serial and a boxed check digit on one line")
    func oneLine() {
        let reads = ContainerCodeReader.assemble([fragment("CSQU", x: 100, y: 50), fragment("305438", x: 190, y: 50),
                                                  fragment("3", x: 330, y: 50), fragment("22G1", x: 100, y: 90)])
        #expect(reads.first?.code.string == "CSQU3054383")
        #expect(reads.first?.checkDigitInferred == false)
        #expect(reads.first?.sizeType == "22G1")
        #expect(reads.first?.sizeTypeBox == Rect(x: 100, y: 90, width: 80, height: 30))
        #expect(reads.first?.groups == CodeGroupBoxes(owner: Rect(x: 100, y: 50, width: 80, height: 30),
                                                      serial: Rect(x: 190, y: 50, width: 120, height: 30),
                                                      checkDigit: Rect(x: 330, y: 50, width: 20, height: 30)))
    }

    @Test("a code read as one line is split into its groups where its characters sit along the line")
    func oneFragmentGroups() throws {
        var line = fragment("XCSQU3054383", x: 100, y: 50)  // 12 characters, 20 px each: 240 px
        line.positions = (0..<12).map { (Double($0) + 0.5) / 12 }
        let read = try #require(ContainerCodeReader.assemble([line]).first)
        #expect(read.code.string == "CSQU3054383")
        let groups = try #require(read.groups)
        #expect(groups.owner == Rect(x: 120, y: 50, width: 80, height: 30))
        #expect(groups.serial == Rect(x: 200, y: 50, width: 120, height: 30))
        #expect(groups.checkDigit == Rect(x: 320, y: 50, width: 20, height: 30))
        line.positions = nil
        #expect(ContainerCodeReader.assemble([line]).first?.groups == nil)
    }

    @Test("a span of a turned box is taken along its long side, from the left end of its upper edge")
    func rotatedSpan() {
        let limit = Rect(x: 0, y: 0, width: 1000, height: 1000)
        let level = RotatedBox(centerX: 200, centerY: 100, width: 200, height: 40, angle: 0)
        #expect(level.span(from: 0, to: 0.25, clippedTo: limit) == Rect(x: 100, y: 80, width: 50, height: 40))
        // The same box described from its other side, a quarter turn on: the same spans.
        let turned = RotatedBox(centerX: 200, centerY: 100, width: 40, height: 200, angle: 90)
        #expect(turned.span(from: 0, to: 0.25, clippedTo: limit) == Rect(x: 100, y: 80, width: 50, height: 40))
        #expect(turned.span(from: 0.75, to: 1, clippedTo: limit) == Rect(x: 250, y: 80, width: 50, height: 40))
        // Tilted up to the right: the first quarter is lower left, the last upper right.
        let tilted = RotatedBox(centerX: 200, centerY: 100, width: 200, height: 20, angle: -20)
        let first = tilted.span(from: 0, to: 0.25, clippedTo: limit), last = tilted.span(from: 0.75, to: 1, clippedTo: limit)
        #expect(first.x < last.x && first.y > last.y)
    }

    @Test("a door grid: owner over the serial split 3 + 3 on two lines, the check digit alone below")
    func doorGrid() throws {
        let reads = ContainerCodeReader.assemble([fragment("CSQU", x: 100, y: 50), fragment("305", x: 100, y: 90),
                                                  fragment("438", x: 100, y: 130), fragment("3", x: 105, y: 170),
                                                  fragment("22G1", x: 100, y: 215)])
        let read = try #require(reads.first)
        #expect(read.code.string == "CSQU3054383")
        #expect(!read.checkDigitInferred && !read.needsReview)
        #expect(read.groups?.serial == Rect(x: 100, y: 90, width: 60, height: 70))
        #expect(read.groups?.checkDigit == Rect(x: 105, y: 170, width: 20, height: 30))
        #expect(read.sizeType == "22G1")
        // Lines that do not stack (the second part far to the side) are no grid.
        #expect(ContainerCodeReader.assemble([fragment("CSQU", x: 100, y: 50), fragment("305", x: 100, y: 90),
                                              fragment("438", x: 400, y: 130), fragment("3", x: 405, y: 170)]).isEmpty)
    }

    @Test("a door grid's lines are read inside a box round the whole grid, but not from under a longer line of their height")
    func doorGridInsideBlock() throws {
        let lines = [fragment("CSQU", x: 100, y: 50), fragment("305", x: 100, y: 90), fragment("438", x: 100, y: 130),
                     fragment("3", x: 105, y: 170)]
        // The detector boxed the whole grid too, and read it as four digits.
        var block = fragment("6836", x: 90, y: 45, height: 160)
        block.bounds = Rect(x: 90, y: 45, width: 80, height: 160)
        #expect(ContainerCodeReader.assemble(lines + [block]).first?.code.string == "CSQU3054383")
        // A line of the grid's height over `305` is that line read again (by a finer pass), with
        // a character more: the grid does not take `305` from under it.
        let longer = fragment("3054", x: 95, y: 88)
        #expect(!ContainerCodeReader.assemble(lines + [longer]).map(\.code.string).contains("CSQU3054383"))
    }

    @Test("a door grid takes the lines right below each other: it does not skip the serial's first line to take the line below")
    func doorGridNextLines() throws {
        // CSQU over 305 / 438, then a line read as 2221 (a size/type code read as digits):
        // CSQU 438 222 1 also holds its check digit.
        let codes = ContainerCodeReader.assemble([fragment("CSQU", x: 100, y: 50), fragment("305", x: 100, y: 80),
                                                  fragment("438", x: 100, y: 110), fragment("2221", x: 100, y: 140)]).map(\.code.string)
        #expect(codes.contains("CSQU3054383"))
        #expect(!codes.contains("CSQU4382221"), "\(codes)")
    }

    @Test("a column whose category letter was read as a digit needs review: it may be the column one character down")
    func columnCategoryFromDigit() throws {
        // FUQU2511619 read down a column without its F: UQU 2 511619 3 holds its check digit
        // with the 2 taken for a Z.
        var column = fragment("UQU25116193", x: 100, y: 50)
        column.positions = nil
        let read = try #require(ContainerCodeReader.assemble([column]).first { $0.code.string == "UQUZ5116193" })
        #expect(read.needsReview)
        #expect(read.reasons.contains(ReviewReason.categoryReadAsDigit.description))
        // Read as a line, the same characters are taken as they are.
        let line = try #require(ContainerCodeReader.assemble([fragment("UQU25116193", x: 100, y: 50)]).first { $0.code.string == "UQUZ5116193" })
        #expect(!line.reasons.contains(ReviewReason.categoryReadAsDigit.description))
    }

    @Test("a reading for review that lies over a sure code is left out; one elsewhere is kept")
    func shadowedReadsLeftOut() throws {
        func read(_ code: String, sure: Bool, box: Rect) throws -> ContainerCodeRead {
            ContainerCodeRead(code: try ContainerCodeValue(parsing: code), sizeType: nil, confidence: sure ? 0.99 : 0.2, needsReview: !sure,
                              checkDigitInferred: false, reasons: sure ? [] : ["low"], box: box)
        }
        let sure = try read("IVDU6333911", sure: true, box: Rect(x: 100, y: 100, width: 40, height: 400))
        let over = try read("IVDU6333716", sure: false, box: Rect(x: 98, y: 120, width: 44, height: 360))
        let elsewhere = try read("CSQU3054383", sure: false, box: Rect(x: 400, y: 100, width: 300, height: 40))
        let kept = ContainerCodeReader.withoutShadowed([sure, over, elsewhere]).map(\.code.string)
        #expect(kept == ["IVDU6333911", "CSQU3054383"])
        // With no sure read, every reading for review stays.
        #expect(ContainerCodeReader.withoutShadowed([over, elsewhere]).count == 2)
    }

    @Test("a sure read over a surer one, or one as sure, goes to review; sure reads apart stay sure")
    func contestedReads() throws {
        func read(_ code: String, _ confidence: Double, box: Rect) throws -> ContainerCodeRead {
            ContainerCodeRead(code: try ContainerCodeValue(parsing: code), sizeType: nil, confidence: confidence, needsReview: false,
                              checkDigitInferred: false, reasons: [], box: box)
        }
        // Rendered (seed 17000, image 737): a column read three ways, each with a valid check digit.
        let right = try read("WRRZ2595711", 1.0, box: Rect(x: 1129, y: 273, width: 53, height: 484))
        let letter = try read("MRRZ2595711", 0.997, box: Rect(x: 1134, y: 273, width: 45, height: 371))
        let shifted = try read("RRZZ5957154", 0.97, box: Rect(x: 1129, y: 265, width: 53, height: 505))
        let apart = try read("CSQU3054383", 0.95, box: Rect(x: 400, y: 100, width: 300, height: 40))
        let contested = ContainerCodeReader.contested([letter, right, shifted, apart])
        #expect(contested.filter { !$0.needsReview }.map(\.code.string) == ["WRRZ2595711", "CSQU3054383"])
        #expect(contested[0].reasons == ["WRRZ2595711 was read as surely or more in the same place"])
        #expect(ContainerCodeReader.withoutShadowed(contested).map(\.code.string) == ["WRRZ2595711", "CSQU3054383"])
        // Two as sure: neither is announced.
        let twin = try read("MRRZ2595711", 1.0, box: letter.box)
        #expect(ContainerCodeReader.contested([right, twin]).filter(\.needsReview).count == 2)
    }

    @Test("a turned line is not given a lone check digit from inside its own box")
    func turnedLineNoLoneCheckDigit() throws {
        // SAFU3713444 read down a tall box without its S; the line's own 1 read again alone.
        // AFU3 713444 + 1 holds its check digit (category from the 3).
        var turned = TextFragment(characters: "AFU3713444".map { CharacterCandidates([Candidate($0, 0.95)]) },
                                  box: RotatedBox(centerX: 1015, centerY: 624, width: 48, height: 260, angle: 90),
                                  bounds: Rect(x: 991, y: 494, width: 48, height: 260))
        turned.positions = (0..<10).map { Double($0) / 10 + 0.05 }
        turned.characters[3] = CharacterCandidates([Candidate("3", 0.5), Candidate("U", 0.48)])
        let one = fragment("1", x: 1005, y: 547, height: 18)
        let reads = ContainerCodeReader.assemble([turned, one])
        #expect(!reads.contains { $0.code.string == "AFUU7134441" && !$0.needsReview }, "\(reads)")
    }

    @Test("a column of stacked characters is read as a whole: the window one character down (category from a serial digit) is not a code")
    func columnNotShifted() throws {
        // NEUU2000009 with the 4 of a 45G1 below it; one character down, EUU2000009 4 also holds
        // its check digit when the 2 is taken for a Z.
        var column = fragment("NEUU20000094", x: 100, y: 50)
        column.positions = nil
        let codes = ContainerCodeReader.assemble([column]).map(\.code.string)
        #expect(codes.contains("NEUU2000009"))
        #expect(!codes.contains("EUUZ0000094"), "\(codes)")
    }

    @Test("two pieces of a column that overlap by a character are joined with that character once")
    func overlappingColumnPieces() throws {
        // The detector's boxes down a post often cut across a character, so both pieces read it.
        func piece(_ text: String, y: Int) -> TextFragment {
            TextFragment(characters: text.map { CharacterCandidates([Candidate($0, 0.95)]) },
                         box: RotatedBox(centerX: 120, centerY: Double(y + text.count * 20), width: 40, height: Double(text.count * 40), angle: 0),
                         bounds: Rect(x: 100, y: y, width: 40, height: text.count * 40))
        }
        var top = piece("GZAJ", y: 100)
        top.characters[3] = CharacterCandidates([Candidate("I", 0.6), Candidate("J", 0.4)])
        let bottom = piece("J9612066", y: 222)
        let joined = try #require(ContainerCodeReader.columns([top, bottom]).first)
        #expect(joined.text == "GZAJ9612066")
        #expect(joined.bounds == Rect(x: 100, y: 100, width: 40, height: 442))
        #expect(abs((joined.characters[3].best?.probability ?? 0) - 0.675) < 1e-9)
        #expect(ContainerCodeReader.assemble([top, bottom]).contains { $0.code.string == "GZAJ9612066" })
        // Pieces that only touch are joined whole.
        #expect(ContainerCodeReader.columns([piece("GZAJ", y: 100), piece("9612066", y: 262)]).first?.text == "GZAJ9612066")
        // Two readings as sure of different characters: the same one wins every time.
        let tie = ContainerCodeReader.averaged(CharacterCandidates([Candidate("U", 0.9)]), CharacterCandidates([Candidate("J", 0.9)]))
        #expect(tie.best?.character == "J")
    }

    @Test("a line that ends with the serial takes a lone boxed check digit beside it")
    func oneLineLoneCheckDigit() throws {
        let reads = ContainerCodeReader.assemble([fragment("CSQU305438", x: 100, y: 50), fragment("3", x: 320, y: 50)])
        let read = try #require(reads.first)
        #expect(read.code.string == "CSQU3054383")
        #expect(!read.checkDigitInferred && !read.needsReview)
        // Far from the line, it is no check digit.
        #expect(ContainerCodeReader.assemble([fragment("CSQU305438", x: 100, y: 50), fragment("3", x: 700, y: 50)]).first?.checkDigitInferred == true)
    }

    @Test("a boxed check digit read alone, or between the box's sides read as strokes, gives its digit")
    func boxedDigit() {
        func read(_ text: String) -> Character? {
            ContainerCodeReader.boxedDigit(text.map { CharacterCandidates([Candidate($0, 0.9)]) })?.best?.character
        }
        #expect(read("7") == "7")
        #expect(read("I0I") == "0")
        #expect(read("104") == nil)
        #expect(read("A") == nil)
        #expect(read("42") == nil)
    }

    @Test("serial on the line below; a missing check digit is filled in and flagged for review")
    func twoLinesNoCheckDigit() {
        let reads = ContainerCodeReader.assemble([fragment("CSQU", x: 100, y: 50), fragment("305438", x: 100, y: 85)])
        let read = reads.first
        #expect(read?.code.string == "CSQU3054383")
        #expect(read?.checkDigitInferred == true && read?.needsReview == true)
    }

    @Test("a column of stacked characters is not the serial of a line beside it")
    func stackedColumnBesideLine() {
        // `2698 CU.FT` beside a column read `5200454` (the code's serial part and check digit):
        // the line's last letters with the column make a valid but wrong code.
        var column = TextFragment(characters: "5200454".map { CharacterCandidates([Candidate($0, 0.95)]) },
                                  box: RotatedBox(centerX: 813, centerY: 512, width: 74, height: 432, angle: 0),
                                  bounds: Rect(x: 776, y: 296, width: 74, height: 432))
        column.positions = nil
        var line = fragment("2698CUFT", x: 600, y: 353)
        line.characters[7] = CharacterCandidates([Candidate("T", 0.6), Candidate("Z", 0.35)])
        let reads = ContainerCodeReader.assemble([line, column])
        #expect(reads.isEmpty, "\(reads.map(\.code.string))")
    }

    @Test("text running down a turned photo: owner and serial in one column")
    func column() {
        // Read along the turned box, so each character has its place (not stacked characters).
        func tall(_ text: String, x: Int, y: Int) -> TextFragment {
            var turned = TextFragment(characters: text.map { CharacterCandidates([Candidate($0, 0.95)]) },
                                      box: RotatedBox(centerX: Double(x + 15), centerY: Double(y + text.count * 10), width: 30,
                                                      height: Double(text.count * 20), angle: 0),
                                      bounds: Rect(x: x, y: y, width: 30, height: text.count * 20))
            turned.positions = text.indices.map { Double(text.distance(from: text.startIndex, to: $0)) / Double(text.count) }
            return turned
        }
        let reads = ContainerCodeReader.assemble([tall("305438", x: 100, y: 50), tall("CSQU", x: 102, y: 180)])
        #expect(reads.first?.code.string == "CSQU3054383")
    }

    @Test("turning half round twice gives the image back; once, the corners swap")
    func halfTurn() {
        let image = PixelBuffer(width: 5, height: 3, channels: 3)
        for y in 0..<3 {
            for x in 0..<15 { (image.data.assumingMemoryBound(to: UInt8.self) + y * image.stride)[x] = UInt8(y * 15 + x) }
        }
        ContainerCodeReader.turnHalfRound(image)
        #expect(image.view[0, 0, 0] == 42 && image.view[4, 2, 2] == 2)
        ContainerCodeReader.turnHalfRound(image)
        #expect(image.view[0, 0, 0] == 0 && image.view[4, 2, 2] == 44 && image.view[2, 1, 1] == 22)
    }

    @Test("a line that starts with two letters and a category letter is an owner code one letter short, read again reaching back")
    func ownerStart() throws {
        func characters(_ text: String) -> [CharacterCandidates] { fragment(text, x: 0, y: 0).characters }
        #expect(ContainerCodeReader.lacksOwnerStart(characters("CWU")))
        #expect(ContainerCodeReader.lacksOwnerStart(characters("CWU6102651")))
        #expect(!ContainerCodeReader.lacksOwnerStart(characters("FCWU")))
        #expect(!ContainerCodeReader.lacksOwnerStart(characters("CWUS")))
        #expect(!ContainerCodeReader.lacksOwnerStart(characters("CWA6102651")))
        // A line tilted 8 degrees grows by 0.9 of its height at its left end, along itself.
        let line = RotatedBox(centerX: 500, centerY: 300, width: 100, height: 30, angle: 8)
        let longer = try #require(ContainerCodeReader.reachingBack(line))
        #expect(abs(longer.width - 127) < 1e-9 && longer.height == 30 && longer.angle == 8)
        #expect(abs(longer.centerX - (500 - 13.5 * cos(8 * Double.pi / 180))) < 1e-9)
        #expect(abs(longer.centerY - (300 - 13.5 * sin(8 * Double.pi / 180))) < 1e-9)
        // The same box given the other way round (its long side as the height) grows the same way.
        let turned = try #require(ContainerCodeReader.reachingBack(RotatedBox(centerX: 500, centerY: 300, width: 30, height: 100, angle: -82)))
        #expect(abs(turned.centerX - longer.centerX) < 1e-9 && abs(turned.centerY - longer.centerY) < 1e-9 && abs(turned.height - 127) < 1e-9)
        #expect(ContainerCodeReader.reachingBack(RotatedBox(centerX: 500, centerY: 300, width: 30, height: 100, angle: 0)) == nil)
    }

    @Test("text that is not a code gives nothing")
    func notACode() {
        #expect(ContainerCodeReader.assemble([fragment("MAXGROSS", x: 10, y: 10), fragment("30480KG", x: 10, y: 40)]).isEmpty)
    }
}
