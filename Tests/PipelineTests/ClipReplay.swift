import Detection
import Events
import Foundation
import FrameSources
import Logging
import Pipeline
import PixelCore
import Plates
import Testing
import TestSupport
import Tracking
import Vision

/// The sample's scene (its lane zone and gate line) for frames `scale` times 1280x720.
func sampleScene(scale: Double = 1) throws -> SceneSettings {
    func point(_ x: Double, _ y: Double) -> Point { Point(x: x * scale, y: y * scale) }
    var scene = SceneSettings(camera: "gate3")
    scene.zones = [try Zone(id: "lane", points: [point(0, 380), point(1280, 380), point(1280, 719), point(0, 719)])]
    scene.lines = [try CountingLine(id: "gate", start: point(640, 719), end: point(640, 380), leftToRight: "in", rightToLeft: "out")]
    scene.gates = ["gate"]
    return scene
}

/// The whole chain on a clip, as `portsight replay --config` runs it: motion, detection in
/// regions, tracking, zones and lines, codes (and UK plates with `plates`), read on the camera's
/// thread so that two replays give the same events.
func replayClip(_ path: String, scene: SceneSettings, plates: Bool = false, logger: Logger = Logger(label: "portsight.tests")) throws -> [NewEvent] {
    let models = Fixtures.root.appendingPathComponent("models")
    let detector = try YOLODetector(model: .yolov4Tiny(in: models.path), engine: Fixtures.engine)
    let ocr = models.appendingPathComponent("ocr")
    let reader = ContainerCodeReader(
        detector: try TextDetector(modelPath: ocr.appendingPathComponent("text_det.onnx").path, engine: Fixtures.engine),
        recognizer: try TextRecognizer(modelPath: ocr.appendingPathComponent("text_rec.onnx").path,
                                       dictionaryPath: ocr.appendingPathComponent("text_rec_dict.txt").path, engine: Fixtures.engine))
    let pipeline = try MotionPipeline(settings: MotionSettings(), logger: logger)
    let detection = DetectionService(detector: detector, logger: logger)
    defer { detection.stop() }
    let stage = DetectionStage(client: detection.client(camera: "replay"), mode: .regions, plan: RegionPlanSettings())
    let source = try openSource(path, options: SourceOptions(), logger: logger)
    defer { source.close() }
    let uk = try PlatePresets.patterns("uk")
    let plateReading = plates ? PlateReadingMode.inline(try PlateReader(sharingDetectorOf: reader, modelsIn: ocr.path, patterns: uk,
                                                                        engine: Fixtures.engine),
                                                        rules: SharedPlateRules(PlateRules(search: PlateSearch(patterns: uk)))) : nil
    var analyzer: CameraAnalyzer?
    var events: [NewEvent] = []
    var last = 0.0
    let summary = pipeline.run(source, detection: stage, analysis: { frame, outcome, motion in
        last = frame.info.mediaTime
        if analyzer == nil {
            analyzer = try? CameraAnalyzer(settings: scene, width: frame.image.width, height: frame.image.height,
                                           origin: Date(timeIntervalSince1970: 0), codes: .inline(reader), plates: plateReading,
                                           logger: logger)
        }
        events += analyzer?.process(frame, detections: outcome.detections, motion: motion, detectorRan: !outcome.regions.isEmpty) ?? []
    }) { _ in }
    #expect(summary.error == nil)
    return events + (analyzer?.finish(at: last) ?? [])
}
