import CVBridge
import ContainerCode
import Foundation
import PixelCore
import Plates
import Testing
import TestSupport
@testable import Vision

@Suite("Two-line plates: rows one above the other read as one plate")
struct PlateRowsTests {
    private func box(_ x: Double, _ y: Double, _ width: Double, _ height: Double) -> RotatedBox {
        RotatedBox(centerX: x, centerY: y, width: width, height: height, angle: 0)
    }

    @Test("a top row read wider adds no character that the recogniser is unsure of (the plate's border)")
    func widerTopRow() {
        func reading(_ characters: [(Character, Double)]) -> RecognizedText {
            RecognizedText(characters: characters.enumerated().map { index, read in
                RecognizedCharacter(candidates: CharacterCandidates([Candidate(read.0, read.1)]), step: 2 * index)
            }, steps: 40)
        }
        // Rendered two-line plates (seed 7200): the border read as `0` at 42%, the letter beyond
        // the district as `D` at 99%.
        let border = reading([("0", 0.42), ("M", 0.96), ("K", 0.98), (" ", 0.9), ("K", 0.91), ("L", 0.88)])
        #expect(PlateReader.sureCharacters(of: border) == "MKKL")
        #expect(!PlateReader.extends("MKKL", PlateReader.sureCharacters(of: border)))
        let letter = reading([("W", 0.99), ("A", 0.99), ("F", 0.99), (" ", 0.75), ("D", 0.99)])
        #expect(PlateReader.extends("WAF", PlateReader.sureCharacters(of: letter)))
        #expect(PlateReader.sureCharacters(of: reading([("O", 0.5)])) == "")
    }

    @Test("rows are paired above one another, not side by side or far apart")
    func pairs() {
        // A square plate's rows: the detector's boxes overlap a little.
        let top = box(100, 100, 80, 40), bottom = box(100, 130, 70, 40)
        #expect(PlateReader.stacked([top, bottom]).contains { $0.top == top && $0.bottom == bottom })
        #expect(!PlateReader.stacked([top, box(220, 100, 80, 40)]).contains { $0.top == top }, "side by side")
        #expect(!PlateReader.stacked([top, box(100, 300, 70, 40)]).contains { $0.top == top }, "too far below")
        #expect(!PlateReader.stacked([top, box(170, 130, 70, 40)]).contains { $0.top == top }, "not centred under it")
    }

    @Test("a box about as tall as long is also read as its two halves")
    func halves() throws {
        let square = box(100, 100, 80, 70)
        let rows = try #require(PlateReader.stacked([square]).first)
        #expect(abs(rows.top.centerY - 82.5) < 0.01 && abs(rows.bottom.centerY - 117.5) < 0.01)
        #expect(rows.top.height == 35 && rows.top.width == 80)
        #expect(PlateReader.stacked([box(100, 100, 200, 40)]).isEmpty, "a long line is one row")
    }

    @Test("a narrow top row is also read as wide as the row below (a Chinese province and letter)")
    func spread() {
        let letter = box(120, 100, 40, 30), number = box(100, 140, 160, 60)
        let tops = PlateReader.stacked([letter, number]).filter { $0.bottom == number }.map(\.top)
        #expect(tops.contains(letter))
        #expect(tops.contains { $0.centerX == 100 && $0.width == 160 && $0.centerY == 100 })
    }

    @Test("a band's letters that are most of a short lower row are set aside against both rows' background")
    func bandBesideShortRow() {
        func shade(_ offset: Int, blue: Bool) -> PlateCharacterColours.Shade {
            PlateCharacterColours.Shade(offset: offset, blueGreen: blue ? 0.8 : 0, redGreen: blue ? -0.3 : 0)
        }
        // DY over a blue D, its ring of stars and a 6 on white: the lower row alone would take
        // the 6 for the odd one out.
        let top = [shade(0, blue: false), shade(1, blue: false)]
        let bottom = [shade(0, blue: true), shade(1, blue: true), shade(2, blue: false)]
        #expect(PlateCharacterColours.offBackground(rows: [top, bottom]) == [[], [0, 1]])
        // A row is never emptied, and three characters in all are too few to judge.
        #expect(PlateCharacterColours.offBackground(rows: [top + [shade(2, blue: false)], [shade(0, blue: true)]]) == [[], []])
        #expect(PlateCharacterColours.offBackground(rows: [[shade(0, blue: false)], bottom.suffix(2)]) == [[], []])
    }

    /// One image of samples/plates/two-line.
    struct Label: Decodable {
        var file: String
        var text: String
        var format: String
    }

    // Rendered with --two-line (seed 7200): a GB square plate whose rows the detector finds as one
    // box, a German two-line plate, a Chinese large vehicle's rear plate.
    @Test("reads rendered two-line plates of three regions exactly and sure")
    func rendered() throws {
        let folder = Fixtures.root.appendingPathComponent("samples/plates/two-line")
        let labels = try JSONDecoder().decode([Label].self, from: Data(contentsOf: folder.appendingPathComponent("labels.json")))
        #expect(labels.map(\.format) == ["uk", "de", "cn"])
        let reader = try PlateReader(modelsIn: Fixtures.root.appendingPathComponent("models/ocr").path, patterns: [],
                                     engine: Fixtures.engine)
        let image = PixelBuffer()
        for label in labels {
            reader.search.patterns = try PlatePresets.patterns(label.format)
            try ImageCodec().decode(try [UInt8](Data(contentsOf: folder.appendingPathComponent(label.file))), format: .bgr, into: image)
            let findings = try withExtendedLifetime(image) { try reader.read(image.view) }
            let sure = findings.compactMap(\.read).filter { !$0.needsReview }.map(\.text)
            #expect(sure == [label.text], "\(label.file)")
        }
    }
}
