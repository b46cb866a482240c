import ContainerCode
import Events
import Foundation
import Logging
import Pipeline
import PixelCore
import Testing
import Vision

/// A reader whose OCR is unsure at two serial digits, between the container's code and another
/// valid one, and leans one way and the other on alternate reads: alone the vote stays split; it searches with the list it is given, as the real reader does.
final class DoubtfulCodeReader: CodeReading {
    static let code = "PSGU4182735"
    var listsSeen: [Int] = []

    func read(_ image: ImageView, region: Rect?) throws -> [ContainerCodeRead] {
        try read(image, region: region, expected: .none)
    }

    func read(_ image: ImageView, region: Rect?, expected: ExpectedCodes) throws -> [ContainerCodeRead] {
        listsSeen.append(expected.count)
        var search = ContainerCodeSearch()
        search.expected = expected
        var truth = Array(Self.code)
        var other = Array(try Self.rival())
        if listsSeen.count % 2 == 0 { swap(&truth, &other) }
        let positions = truth.indices.map { index -> CharacterCandidates in
            guard truth[index] != other[index] else { return CharacterCandidates([Candidate(truth[index], 0.98)]) }
            return CharacterCandidates([Candidate(truth[index], 0.6), Candidate(other[index], 0.35)])
        }
        let result = try search.search(positions)
        var read = ContainerCodeRead(code: result.code, sizeType: nil, confidence: result.confidence, needsReview: result.needsReview,
                                     checkDigitInferred: false, reasons: result.reviewReasons.map(\.description),
                                     box: region ?? Rect(x: 0, y: 0, width: 1, height: 1), level: result.level,
                                     correctedPositions: result.correctedPositions)
        if let match = result.expectedMatch { read.confidenceWithoutList = match.readingConfidence }
        return [read]
    }

    /// A valid code differing from `code` in two serial digits only.
    static func rival() throws -> String {
        let truth = Array(code)
        for first in 4..<9 {
            for digit in "0123456789" where digit != truth[first] {
                for other in "0123456789" where other != truth[first + 1] {
                    var candidate = truth
                    candidate[first] = digit
                    candidate[first + 1] = other
                    if ContainerCodeValue.isValid(String(candidate)) { return String(candidate) }
                }
            }
        }
        throw ContainerCodeSearchError.noValidCode
    }
}

@Suite("Code rules: verification levels and expected containers on a camera")
struct CodeRulesTests {
    let buffer = PixelBuffer(width: 1280, height: 720, channels: 3)

    func identified(_ rules: CodeRules, reader: CodeReading) throws -> [NewEvent] {
        var scene = try gateScene()
        scene.codeRules = rules
        let analyzer = try CameraAnalyzer(settings: scene, width: 1280, height: 720, origin: Date(timeIntervalSince1970: 0),
                                          codes: .inline(reader), logger: Logger(label: "test"))
        let events = driveTruckPass(analyzer, buffer: buffer) + analyzer.finish(at: 6)
        return events.filter { $0.type == .containerIdentified }
    }

    @Test("reads that agree reach level 2; events carry the level")
    func repeatedReads() throws {
        let events = try identified(CodeRules(), reader: FixedCodeReader("PSGU4182735"))
        #expect(events.count == 1)
        #expect(events.first?.container?.level == 2)
        #expect(events.first?.container?.needsReview == false)
        #expect(events.first?.container?.reviewReasons == [])
    }

    @Test("a level below the configured one goes out at the end, for review, with the reason")
    func levelBelowMinimum() throws {
        let events = try identified(CodeRules(identifyLevel: .expected), reader: FixedCodeReader("PSGU4182735"))
        #expect(events.count == 1)
        let container = try #require(events.first?.container)
        #expect(container.needsReview)
        #expect(container.level == 2)
        #expect(container.reviewReasons.contains { $0.hasPrefix("verification level 2") })
        #expect(events.first?.mediaTimeS == 6)  // held back until the track ended
    }

    @Test("a doubtful code is confirmed by the expected list, and the reader sees the list")
    func expectedList() throws {
        let plainReader = DoubtfulCodeReader()
        let plain = try identified(CodeRules(), reader: plainReader)
        #expect(plain.first?.container?.code == DoubtfulCodeReader.code)
        #expect(plain.first?.container?.needsReview == true)
        #expect(plainReader.listsSeen.allSatisfy { $0 == 0 })

        let list = ExpectedContainers(ExpectedCodes(codes: [try ContainerCodeValue(parsing: "PSGU4182735"), try ContainerCodeValue(parsing: "CSQU3054383")]))
        let reader = DoubtfulCodeReader()
        let events = try identified(CodeRules(expected: list), reader: reader)
        #expect(events.count == 1)
        let container = try #require(events.first?.container)
        #expect(container.code == "PSGU4182735")
        #expect(container.level == 3)
        #expect(!container.needsReview)
        #expect((events.first?.mediaTimeS ?? 99) < 6)  // announced while in view
        #expect(reader.listsSeen.allSatisfy { $0 == 2 })
    }

    @Test("a list of the rival alone changes nothing")
    func rivalOnly() throws {
        let list = ExpectedContainers(ExpectedCodes(codes: [try ContainerCodeValue(parsing: DoubtfulCodeReader.rival())]))
        let events = try identified(CodeRules(expected: list), reader: DoubtfulCodeReader())
        #expect(events.count == 1)
        #expect(events.first?.container?.needsReview == true)
        #expect(events.first?.container?.level != 3)
    }
}
