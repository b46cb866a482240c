import CVBridge
import Foundation
import PixelCore
import Testing
import TestSupport
import Vision

/// One image of samples/container-faces (rendered by scripts/render/render-container-faces).
struct FaceLabel: Decodable {
    var file: String
    var code: String
    var layout: String
}

@Suite("Reader on the rendered container faces (samples/container-faces)")
struct RenderedFacesTests {
    // Thresholds: measured 16/16 horizontal, 16/16 two-line, 7/8 vertical (stacked characters),
    // 0 sure-but-wrong on this set; each bound leaves about one image of slack.
    @Test("reads horizontal, two-line and vertical codes, and never reports a wrong code as sure")
    func readsFaces() throws {
        let folder = Fixtures.root.appendingPathComponent("samples/container-faces")
        let labels = try JSONDecoder().decode([FaceLabel].self, from: Data(contentsOf: folder.appendingPathComponent("labels.json")))
        #expect(labels.count == 40)
        let reader = try makeReader()
        let codec = try ImageCodec()
        let image = PixelBuffer()
        var read: [String: Int] = [:], total: [String: Int] = [:]
        var sureButWrong: [String] = []
        var grouped = 0
        for label in labels {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(label.file)))
            try codec.decode(bytes, format: .bgr, into: image)
            let codes = try reader.read(image.view)
            total[label.layout, default: 0] += 1
            if let hit = codes.first(where: { $0.code.string == label.code }) {
                read[label.layout, default: 0] += 1
                if label.layout == "horizontal", let groups = hit.groups {
                    // Groups in reading order, four characters narrower than six.
                    #expect(groups.owner.x < groups.serial.x && groups.serial.x < (groups.checkDigit?.x ?? .max), "\(label.file): \(groups)")
                    #expect(groups.owner.width < groups.serial.width, "\(label.file): \(groups)")
                    grouped += 1
                }
            }
            sureButWrong += codes.filter { !$0.needsReview && $0.code.string != label.code }.map { "\(label.file): \($0.code.string)" }
        }
        print("rendered faces read: \(read.sorted { $0.key < $1.key }) of \(total.sorted { $0.key < $1.key })")
        #expect(read["horizontal", default: 0] >= 15, "horizontal \(read["horizontal", default: 0])/\(total["horizontal", default: 0])")
        #expect(read["two-line", default: 0] >= 14, "two-line \(read["two-line", default: 0])/\(total["two-line", default: 0])")
        #expect(read["vertical", default: 0] >= 6, "vertical \(read["vertical", default: 0])/\(total["vertical", default: 0])")
        #expect(read.values.reduce(0, +) >= 36, "all \(read.values.reduce(0, +))/40")
        #expect(sureButWrong.isEmpty, "\(sureButWrong)")
        #expect(grouped >= 12, "horizontal codes with groups: \(grouped)")
    }

    /// The codes `portsight read` finds in `file` of samples/container-faces, each with whether it is sure.
    private func codes(inSample file: String) throws -> [String: Bool] {
        let url = Fixtures.root.appendingPathComponent("samples/container-faces/\(file)")
        let image = PixelBuffer()
        try ImageCodec().decode([UInt8](Data(contentsOf: url)), format: .bgr, into: image)
        return Dictionary(try makeReader().read(image.view).map { ($0.code.string, !$0.needsReview) }, uniquingKeysWith: { $0 || $1 })
    }

    /// Expects `code` read as sure, and no other code as sure.
    private func expectOnlySure(_ code: String, in codes: [String: Bool], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(codes[code] == true, "\(codes)", sourceLocation: sourceLocation)
        #expect(codes.allSatisfy { !$0.value || $0.key == code }, "\(codes)", sourceLocation: sourceLocation)
    }

    @Test("a tight door grid that the detector boxes whole is read row by row")
    func doorGridBlock() throws {
        let codes = try codes(inSample: "grid-17000-183.jpg")
        expectOnlySure("OFJU0783054", in: codes)
    }

    @Test("an owner code whose first letter the detector's box leaves out is read reaching back")
    func ownerFirstLetter() throws {
        let codes = try codes(inSample: "owner-17000-885.jpg")
        expectOnlySure("FCWU6102651", in: codes)
    }

    @Test("a boxed check digit at the edge of the place probed for it is read with blank space before it")
    func checkDigitAtEdge() throws {
        let codes = try codes(inSample: "check-17000-1165.jpg")
        expectOnlySure("RKXU0716924", in: codes)
    }

    @Test("a door grid boxed whole, owner line included, is read row by row")
    func doorGridBlockWithOwner() throws {
        let codes = try codes(inSample: "grid-17000-538.jpg")
        expectOnlySure("OTIU6884894", in: codes)
    }
}
