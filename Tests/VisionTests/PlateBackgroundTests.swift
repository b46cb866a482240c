import CVBridge
import Foundation
import PixelCore
import Plates
import Testing
import TestSupport
@testable import Vision

@Suite("Plate background: plates against text painted on the vehicle")
struct PlateBackgroundTests {
    /// An upright cut as `PlateBackground` makes it: 16 rows of characters (dark strokes on
    /// `paper`) in the middle of 64, `margin` rows of `paper` above and below them, `body` beyond,
    /// and a dark rod down column 40 when `rod`.
    private func cut(paper: UInt8, margin: Int, body: UInt8, rod: Bool = false) -> PixelBuffer {
        let buffer = PixelBuffer()
        buffer.reshape(width: 80, height: 64, channels: 3)
        let base = buffer.data.assumingMemoryBound(to: UInt8.self)
        for y in 0..<64 {
            for x in 0..<80 {
                var level = (24 - margin..<40 + margin).contains(y) ? paper : body
                if (24..<40).contains(y), x % 6 < 2 { level = 30 }
                if rod, (39..<42).contains(x) { level = 40 }
                for c in 0..<3 { base[y * buffer.stride + x * 3 + c] = level }
            }
        }
        return buffer
    }

    @Test("a plate's background ends at its border; a painted surface goes on past a rod across it")
    func extents() {
        #expect(extent(cut(paper: 220, margin: 4, body: 70)) == 0.25)
        #expect(extent(cut(paper: 220, margin: 0, body: 70)) == 0)
        #expect(extent(cut(paper: 200, margin: 0, body: 200, rod: true)) == PlateBackground.reach)
    }

    /// The measure of `cut`, which stays alive while its view is read.
    private func extent(_ cut: PixelBuffer) -> Double {
        withExtendedLifetime(cut) { PlateBackground.extent(of: cut.view) }
    }

    private func finding(_ text: String?, extent: Double, needsReview: Bool = false, guess: String? = nil, raw: String? = nil) -> PlateFinding {
        let read = text.map { PlateRead(text: $0, pattern: "de", confidence: 0.97, reviewReasons: needsReview ? ["unsure"] : []) }
        return PlateFinding(read: read, box: Rect(x: 0, y: 0, width: 100, height: 30), characterHeight: 20, backgroundExtent: extent,
                            guess: guess.map { PlateRead(text: $0, pattern: "de", confidence: 0.9, rawText: raw) })
    }

    @Test("a sure read on a painted surface needs review only where a plate is seen beside it")
    func questionsPainted() {
        let withPlate = PlateReader.questionPainted([finding("NO42", extent: 1.5), finding("MAPR94", extent: 0.2)])
        #expect(withPlate.map { $0.read?.text } == ["MAPR94", "NO42"])
        #expect(withPlate.map { $0.read?.needsReview } == [false, true])
        let withSmallPlate = PlateReader.questionPainted([finding("NO42", extent: 1.5), finding(nil, extent: 0.1)])
        #expect(withSmallPlate[0].read?.needsReview == true)
        // Alone it stays sure: a plate on a car of its own colour looks painted too.
        #expect(PlateReader.questionPainted([finding("MAPR94", extent: 1.5)])[0].read?.needsReview == false)
        // A plate seen only for review does not question the other.
        #expect(PlateReader.questionPainted([finding("NO42", extent: 1.5), finding("MAPR9", extent: 0.2, needsReview: true)])
            .contains { $0.read?.text == "NO42" && $0.read?.needsReview == false })
        // Small characters question it when they look like a plate's (a digit among four or
        // more), not a small badge that fits a format by look-alikes (`XDRIVE` as `XDR1`).
        #expect(PlateReader.questionPainted([finding("PBZL54", extent: 1.5), finding(nil, extent: 0.1, guess: "XDR1", raw: "XDRI")])
            .contains { $0.read?.text == "PBZL54" && $0.read?.needsReview == false })
        #expect(PlateReader.questionPainted([finding("NO42", extent: 1.5), finding(nil, extent: 0.1, guess: "MAPR94")])
            .contains { $0.read?.text == "NO42" && $0.read?.needsReview == true })
        #expect(PlateReader.questionPainted([finding("NO42", extent: 1.5), finding(nil, extent: 0.1, guess: "EC0", raw: "ECO")])
            .contains { $0.read?.text == "NO42" && $0.read?.needsReview == false })
                // A plate whose read was questioned after it was found no longer counts as a plate.
        var questioned = finding("MAPR94", extent: 0.2)
        questioned.read?.reviewReasons.append("read a character wider, the line reads as MAPR945")
        #expect(PlateReader.questionPainted([finding("NO42", extent: 1.5), questioned])
            .contains { $0.read?.text == "NO42" && $0.read?.needsReview == false })
        // A tractor's and a trailer's plate both stay sure.
        let both = PlateReader.questionPainted([finding("MAPR94", extent: 0.3), finding("HHRW61", extent: 0.1)])
        #expect(both.allSatisfy { $0.read?.needsReview == false })
    }

    // Rendered (seed 7100, image 73): a trailer with "NO. 42" painted on its doors, which fits a
    // German format, above its plate MA PR 94.
    @Test("reads the plate and not the fleet number painted above it")
    func fleetNumber() throws {
        let findings = try plateFindings(inSample: "plate_073_de.jpg", region: "de")
        #expect(findings.compactMap(\.read).filter { !$0.needsReview }.map(\.text) == ["MAPR94"])
        let painted = try #require(findings.first { $0.read?.text == "NO42" })
        #expect(painted.backgroundExtent >= PlateReader.paintedExtent)
        #expect(painted.read?.reviewReasons.contains { $0.contains("painted") } == true)
    }
}
