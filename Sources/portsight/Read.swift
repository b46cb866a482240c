import ArgumentParser
import CommandOptions
import ContainerCode
import CVBridge
import Foundation
import FrameSources
import Pipeline
import PixelCore
import Plates
import Timing
import Vision

/// `portsight read FILE...`: container codes and licence plates from images.
struct Read: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read ISO 6346 container codes (and, with --plates, licence plates) from images (JPEG, PNG).",
        discussion: "With --format json, prints one JSON object per image."
    )

    @Argument(help: "Image files.")
    var files: [String]

    @Option(help: "Output: text or json.")
    var format: Format = .text

    @Option(help: "Folder with text_det.onnx, text_rec.onnx and text_rec_dict.txt.")
    var models = "models/ocr"

    @Option(help: "Write a copy of each image with what was read drawn on it into this folder.")
    var annotate: String?

    @Option(help: "How far to look when the whole image gives no sure code: quick (what the daemon does on each frame) or thorough.")
    var depth: ReadDepth = .thorough

    @Option(help: "A file of expected container codes, one per line: a read that supports one is resolved to it (level 3).")
    var expected: String?

    @Option(name: .customLong("min-level"), help: "The lowest verification level reported as sure: 0 check digit not seen, 1 check digit holds, 2 read twice (the daemon only), 3 an expected code.")
    var minimumLevel: VerificationLevel = .checkDigit

    @Flag(help: "Also read licence plates.")
    var plates = false

    @Flag(inversion: .prefixedNo, help: "Read container codes (--no-codes reads plates only).")
    var codes = true

    @Option(name: .customLong("plate-region"), help: "A region whose plate formats are accepted (\(PlatePresets.names.joined(separator: ", "))); repeat or separate with commas. Without one (or --plate-pattern) every region's formats are tried and no plate is reported as sure.")
    var plateRegions: [String] = []

    @Option(name: .customLong("plate-pattern"), help: "A plate format in the pattern language, as NAME=PATTERN or PATTERN (L letter, D digit, A either, [..] a set, {m,n} a repeat, \\X a fixed character), e.g. 'uk=LLDD LLL'.")
    var platePatterns: [String] = []

    @Option(name: .customLong("min-plate-height"), help: "Plates whose characters are shorter (pixels) are reported as too small, without text.")
    var minimumPlateHeight = 15.0

    @Flag(help: "Also print every text fragment each pass read (to standard error; a turned photo's in its turned pixels), for tuning.")
    var fragments = false

    @OptionGroup var inference: InferenceOptions
    @OptionGroup var global: GlobalOptions

    enum Format: String, ExpressibleByArgument {
        case text, json
    }

    func run() throws {
        let logger = global.bootstrapLogging()
        setOpenCVThreads(1)
        let engine = try inference.makeEngine(logger: logger)
        let reader = try codes ? makeCodeReader(models: models, depth: depth, engine: engine) : nil
        let plateReader = try plates ? makePlateReader(engine: engine) : nil
        if let expected, let reader {
            do { reader.expected = try ExpectedCodesFile.load(expected) } catch { throw fail("\(error)") }
        }
        let encoder = makeOutputEncoder()
        try prepareAnnotationFolder(annotate)
        let codec = try ImageCodec()
        var failed: [String] = []
        for file in files {
            let clock = ContinuousClock()
            let start = clock.now
            do {
                let source = try openSource(file, options: SourceOptions(), logger: logger)
                guard let frame = try source.next() else { throw FrameSourceError.corruptImage(file, reason: "no image") }
                let codes = try reader?.read(frame.image).map { $0.requiring(minimumLevel) } ?? []
                let plateFindings = try plateReader?.read(frame.image, thorough: depth == .thorough)
                if fragments, let reader {
                    for fragment in reader.lastFragments {
                        let stacked = fragment.positions == nil ? " (stacked)" : ""
                        FileHandle.standardError.write(Data("  \(fragment.text) at \(fragment.bounds)\(stacked)\n".utf8))
                    }
                }
                if fragments, let plateReader {
                    for line in plateReader.lastLines {
                        let characters = line.reading.characters.enumerated().map { index, character in
                            let top = character.candidates.candidates.sorted { $0.probability > $1.probability }.prefix(3)
                            return (line.aside.contains(index) ? "(aside)" : "") + top.map { "\($0.character)\(Int($0.probability * 100))" }.joined(separator: "/")
                        }
                        FileHandle.standardError.write(Data("  line at \(line.box): \(characters.joined(separator: " "))\n".utf8))
                    }
                }
                if let annotate {
                    try write(codes, plates: plateFindings ?? [], on: frame.buffer, to: URL(fileURLWithPath: annotate)
                        .appendingPathComponent((file as NSString).lastPathComponent)
                        .deletingPathExtension().appendingPathExtension("jpg"), codec: codec)
                }
                let t = reader?.timings ?? ReadTimings()
                let result = ReadResult(file: file, width: frame.image.width, height: frame.image.height,
                                        codes: codes.map(CodeDTO.init), plates: plateFindings?.map(PlateDTO.init), ms: (clock.now - start).inMilliseconds.rounded(toPlaces: 1),
                                        stages: StageDTO(detectorRuns: t.detectorRuns, detectorMs: t.detectorMs.rounded(toPlaces: 1),
                                                         recognizerRuns: t.recognizerRuns, recognizerMs: t.recognizerMs.rounded(toPlaces: 1)))
                switch format {
                case .json: print(String(decoding: try encoder.encode(result), as: UTF8.self))
                case .text:
                    let list = codes.map { "\($0.code.formatted)\($0.sizeType.map { " " + $0 } ?? "") (\(Int($0.confidence * 100))%, level \($0.level.rawValue)\($0.needsReview ? ", review" : ""))" }
                    let plateList = (plateFindings ?? []).map(\.summary)
                    let found = (self.codes ? [list.isEmpty ? "no code" : list.joined(separator: "; ")] : [])
                        + (plates ? [plateList.isEmpty ? "no plate" : plateList.joined(separator: "; ")] : [])
                    print("\(file): \(found.joined(separator: "; ")) [\(result.ms) ms]")
                }
            } catch {
                failed.append(file)
                FileHandle.standardError.write(Data("error: \(file): \(error)\n".utf8))
            }
        }
        if !failed.isEmpty {
            // The last line names every file that failed, so a long batch need not be scrolled back.
            throw fail("\(failed.count) of \(files.count) files could not be read: \(failed.joined(separator: ", "))")
        }
    }
}

/// Draws the reads (green when sure, orange when they need review) and writes a JPEG.
private func write(_ codes: [ContainerCodeRead], plates: [PlateFinding], on image: PixelBuffer, to url: URL, codec: ImageCodec) throws {
    for read in codes {
        let label = read.code.formatted + (read.sizeType.map { " " + $0 } ?? "") + (read.needsReview ? " ?" : "")
        try TextGeometry.draw(read.box, label: label, colour: read.needsReview ? (0, 140, 255) : (0, 200, 0), on: image)
    }
    for plate in plates {
        let sure = plate.read?.needsReview == false
        // OpenCV's Hershey font draws ASCII only: other scripts' characters show as '?'.
        let label = (plate.read?.text ?? "too small") + (sure ? "" : " ?")
        try TextGeometry.draw(plate.box, label: label, colour: sure ? (200, 120, 0) : (0, 140, 255), on: image)
    }
    try Data(try codec.encode(image.view, as: .jpeg, quality: 90)).write(to: url)
}

struct ReadResult: Encodable {
    var file: String
    var width: Int
    var height: Int
    var codes: [CodeDTO]
    var plates: [PlateDTO]?
    var ms: Double
    var stages: StageDTO
}

/// Where the time went, in `read --format json`.
struct StageDTO: Encodable {
    var detectorRuns: Int
    var detectorMs: Double
    var recognizerRuns: Int
    var recognizerMs: Double

    enum CodingKeys: String, CodingKey {
        case detectorRuns = "detector_runs"
        case detectorMs = "detector_ms"
        case recognizerRuns = "recognizer_runs"
        case recognizerMs = "recognizer_ms"
    }
}

/// One code in `read --format json`.
struct CodeDTO: Encodable {
    var code: String
    var owner: String
    var category: String
    var serial: String
    var checkDigit: Int
    var checkOk: Bool
    var checkDigitInferred: Bool
    var sizeType: String?
    var sizeTypeConfidence: Double?
    var sizeTypeBox: Rect?
    var groups: CodeGroupBoxes?
    var confidence: Double
    var needsReview: Bool
    var reasons: [String]
    var box: Rect
    var level: Int
    var expected: Bool
    var corrected: [Int]

    init(_ read: ContainerCodeRead) {
        code = read.code.string
        owner = read.code.owner
        category = String(read.code.category.rawValue)
        serial = read.code.serial
        checkDigit = read.code.checkDigit
        checkOk = !read.checkDigitInferred
        checkDigitInferred = read.checkDigitInferred
        sizeType = read.sizeType
        sizeTypeConfidence = read.sizeTypeConfidence?.rounded(toPlaces: 3)
        sizeTypeBox = read.sizeTypeBox
        groups = read.groups
        confidence = read.confidence.rounded(toPlaces: 3)
        needsReview = read.needsReview
        reasons = read.reasons
        box = read.box
        level = read.level.rawValue
        expected = read.level == .expected
        corrected = read.correctedPositions
    }

    enum CodingKeys: String, CodingKey {
        case code, owner, category, serial
        case checkDigit = "check_digit"
        case checkOk = "check_ok"
        case checkDigitInferred = "check_digit_inferred"
        case sizeType = "size_type"
        case sizeTypeConfidence = "size_type_confidence"
        case sizeTypeBox = "size_type_box"
        case confidence
        case needsReview = "needs_review"
        case reasons, box, level, expected, corrected, groups
    }
}

extension ReadDepth: ExpressibleByArgument {}
extension VerificationLevel: ExpressibleByArgument {}
