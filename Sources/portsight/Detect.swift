import ArgumentParser
import CommandOptions
import CVBridge
import Detection
import Foundation
import FrameSources
import Pipeline
import PixelCore
import Timing
import Vision

/// `portsight detect FILE...`: vehicles, people and containers in images and videos.
struct Detect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Detect vehicles, people and containers in images and videos.",
        discussion: """
            Each image (or every --every-th video frame) is searched whole and in overlapping tiles at \
            near-native resolution, so small and distant objects are not lost. With --format json, prints \
            one JSON object per image or sampled frame.
            """
    )

    @Argument(help: "Image or video files.")
    var files: [String]

    @Option(help: "Output: text or json.")
    var format: Format = .text

    @Option(help: "For videos: detect on every N-th frame.")
    var every = 25

    @Option(help: "Where to look: tiles (the whole image plus overlapping tiles) or whole (the whole image shrunk into one input).")
    var mode: SearchMode = .tiles

    @Option(help: "Tiles are squares of input-size times this factor.")
    var tileShrink = 2.0

    @Option(help: "Write a copy of each image or sampled frame with the detections drawn on it into this folder.")
    var annotate: String?

    @OptionGroup var detector: DetectorOptions
    @OptionGroup var inference: InferenceOptions
    @OptionGroup var global: GlobalOptions

    enum Format: String, ExpressibleByArgument {
        case text, json
    }

    enum SearchMode: String, ExpressibleByArgument {
        case tiles, whole
    }

    func validate() throws {
        guard every >= 1 else { throw ValidationError("--every must be at least 1") }
        guard tileShrink >= 1 else { throw ValidationError("--tile-shrink must be at least 1") }
    }

    func run() throws {
        let logger = global.bootstrapLogging()
        let yolo = try detector.makeDetector(engine: try inference.makeEngine(logger: logger))
        var plan = RegionPlanSettings()
        plan.inputSize = detector.inputSize
        plan.refreshShrink = tileShrink
        let encoder = makeOutputEncoder()
        try prepareAnnotationFolder(annotate)
        let codec = try ImageCodec()
        var failures = 0
        for file in files {
            do {
                let source = try openSource(file, options: SourceOptions(), logger: logger)
                defer { source.close() }
                var sampled = 0
                while let frame = try source.next() {
                    guard frame.info.index % every == 0 else { continue }
                    sampled += 1
                    let clock = ContinuousClock()
                    let start = clock.now
                    let image = frame.image
                    let regions = mode == .whole
                        ? [PlannedRegion(rect: Rect(x: 0, y: 0, width: image.width, height: image.height), reason: .wholeFrame)]
                        : RegionPlanner.imageSearch(width: image.width, height: image.height, settings: plan)
                    var found = try yolo.detect(image, regions: regions)
                    found += ContainerEvidence.onTrucks(found, in: image)
                    let result = DetectResult(file: file, frame: frame.info.index, detections: found.map(DetectionDTO.init),
                                              runs: regions.count, ms: (clock.now - start).inMilliseconds.rounded(toPlaces: 1))
                    if let annotate {
                        let name = (file as NSString).lastPathComponent
                        let stem = (name as NSString).deletingPathExtension
                        let url = URL(fileURLWithPath: annotate).appendingPathComponent(
                            SourceKind.isVideo(file) ? "\(stem)-\(frame.info.index).jpg" : "\(stem).jpg")
                        try Annotation.write(found, on: frame.buffer, to: url, codec: codec)
                    }
                    switch format {
                    case .json: print(String(decoding: try encoder.encode(result), as: UTF8.self))
                    case .text:
                        let list = found.map { "\($0.label) \(Int(($0.score * 100).rounded()))% \($0.box.x),\($0.box.y) \($0.box.width)x\($0.box.height)" }
                        print("\(file)#\(frame.info.index): \(list.isEmpty ? "nothing" : list.joined(separator: "; ")) [\(result.runs) runs, \(result.ms) ms]")
                    }
                }
                if sampled == 0 { throw FrameSourceError.corruptImage(file, reason: "no frame could be decoded") }
            } catch {
                failures += 1
                FileHandle.standardError.write(Data("error: \(file): \(error)\n".utf8))
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}

extension SourceKind {
    /// True for paths that name video files rather than images.
    static func isVideo(_ path: String) -> Bool { (try? SourceKind.of(path)) == .videoFile }
}

/// One image or sampled frame in `detect --format json`.
struct DetectResult: Encodable {
    var file: String
    var frame: Int
    var detections: [DetectionDTO]
    var runs: Int
    var ms: Double
}

/// One detection in JSON output.
struct DetectionDTO: Encodable {
    var category: String
    var label: String
    var score: Double
    var box: Rect
    var source: String

    init(_ detection: Detection) {
        category = detection.category.rawValue
        label = detection.label
        score = Double(detection.score).rounded(toPlaces: 3)
        box = detection.box
        source = detection.source.rawValue
    }
}
