import CommandOptions
import Foundation
import Inference
import PixelCore
import Plates
import Timing
import Vision

extension Read {
    /// The plate reader over the OCR models, for the regions and patterns given.
    func makePlateReader(engine: InferenceEngine) throws -> PlateReader {
        let regions = plateRegions.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        let custom = platePatterns.map { text -> (name: String, pattern: String) in
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { return ("custom", text) }
            return (String(text[..<equals]), String(text[text.index(after: equals)...]))
        }
        let patterns: [PlatePattern]
        do { patterns = try PlatePresets.resolve(regions: regions, custom: custom) } catch { throw fail(error.description) }
        do {
            let reader = try PlateReader(modelsIn: models, patterns: patterns, engine: engine)
            reader.search.regionChosen = !regions.isEmpty || !custom.isEmpty
            reader.minimumCharacterHeight = minimumPlateHeight
            return reader
        } catch {
            throw fail("\(error)")
        }
    }
}

extension PlateFinding {
    /// One line for `read`'s text output.
    var summary: String {
        guard let read else { return "plate too small (\(Int(characterHeight.rounded())) px characters)" }
        return "plate \(read.text) (\(read.pattern), \(Int(read.confidence * 100))%\(read.needsReview ? ", review" : ""))"
    }
}

/// One plate in `read --plates --format json`.
struct PlateDTO: Encodable {
    var text: String?
    var pattern: String?
    var confidence: Double?
    var needsReview: Bool
    var reasons: [String]
    var raw: String?
    var corrected: [Int]
    var box: Rect
    var characterHeight: Double
    var backgroundExtent: Double
    var tooSmall: Bool

    init(_ finding: PlateFinding) {
        text = finding.read?.text
        pattern = finding.read?.pattern
        confidence = finding.read.map { $0.confidence.rounded(toPlaces: 3) }
        needsReview = finding.read?.needsReview ?? true
        reasons = finding.read?.reviewReasons
            ?? [PlateFinding.tooSmallReason(characterHeight: finding.characterHeight)]
        raw = finding.read?.rawText
        corrected = finding.read?.correctedPositions ?? []
        box = finding.box
        characterHeight = finding.characterHeight.rounded(toPlaces: 1)
        backgroundExtent = finding.backgroundExtent.rounded(toPlaces: 2)
        tooSmall = finding.tooSmall
    }

    enum CodingKeys: String, CodingKey {
        case text, pattern, confidence
        case needsReview = "needs_review"
        case reasons, raw, corrected, box
        case characterHeight = "character_height"
        case backgroundExtent = "background_extent"
        case tooSmall = "too_small"
    }
}
