import ArgumentParser
import CommandOptions
import Foundation
import FrameSources
import Inference
import Logging
import Pipeline
import PixelCore
import Vision

/// Tracks, zones, lines and codes over a replay, with its events stored and written.
final class EventAnalysis {
    let writer: ReplayEvents
    private let scene: SceneSettings
    private let reader: ContainerCodeReader?
    private let plates: PlateReadingMode?
    /// The footage between two media times as an MP4, for visit clips.
    var clips: ((Double, Double) -> Data?)?
    /// Where the annotated footage goes (`--annotate`).
    var annotation: ReplayAnnotation?
    private let origin: Date
    private let logger: Logger
    private var analyzer: CameraAnalyzer?
    private var lastTime = 0.0
    private var failure: Error?

    /// Reads codes (with `codes`) and plates under `plates` when `engine` is given.
    init(scene: SceneSettings, engine: InferenceEngine?, codes: Bool, plates: PlateRules?, writer: ReplayEvents, origin: Date,
         logger: Logger) throws {
        self.scene = scene
        self.writer = writer
        self.origin = origin
        self.logger = logger
        let loaded = try engine.flatMap { codes || plates != nil ? try makeCodeReader(models: "models/ocr", depth: .quick, engine: $0) : nil }
        reader = codes ? loaded : nil
        // Plates are read on the same thread: the plate reader shares the code reader's text detector.
        if let loaded, let plates, let engine {
            self.plates = .inline(try PlateReader(sharingDetectorOf: loaded, modelsIn: "models/ocr", patterns: plates.search.patterns,
                                                  engine: engine), rules: SharedPlateRules(plates))
        } else {
            self.plates = nil
        }
    }

    func process(_ frame: Frame, _ outcome: DetectionOutcome, _ motion: [Rect]) {
        guard failure == nil else { return }
        do {
            if analyzer == nil {
                analyzer = try CameraAnalyzer(settings: scene, width: frame.image.width, height: frame.image.height,
                                              origin: origin, codes: reader.map { .inline($0) }, plates: plates, logger: logger)
                analyzer?.clips = clips
            }
            lastTime = frame.info.mediaTime
            let events = analyzer!.process(frame, detections: outcome.detections, motion: motion, detectorRan: !outcome.regions.isEmpty)
            try annotation?.add(frame, labels: analyzer!.trackLabels, events: events)
            try writer.write(events)
        } catch {
            failure = error
            logger.error("events could not be stored", metadata: ["error": "\(error)"])
        }
    }

    /// Writes the events still owed at the end of the footage; throws if storing ever failed.
    func finish() throws {
        if failure == nil, let analyzer { try writer.write(analyzer.finish(at: lastTime)) }
        writer.close()
        try annotation?.finish()
        if let failure { throw fail("events could not be stored: \(failure)") }
    }
}
