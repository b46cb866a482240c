import CVBridge
import Detection
import Foundation
import Inference
import PixelCore
import Testing
import TestSupport
@testable import Vision

/// YOLOv4-tiny as scripts/get-models installs it (scripts/setup runs it).
func yolov4Tiny() throws -> DetectorModel {
    let model = DetectorModel.yolov4Tiny(in: Fixtures.root.appendingPathComponent("models").path)
    try #require(FileManager.default.fileExists(atPath: model.path), "run scripts/get-models to install \(model.path)")
    return model
}

func fixture(_ name: String) -> String { Fixtures.root.appendingPathComponent("Tests/Fixtures/\(name)").path }

@Suite("YOLO detector")
struct YOLODetectorTests {
    func blank(width: Int, height: Int) -> PixelBuffer {
        let image = PixelBuffer()
        image.reshape(width: width, height: height, channels: 3)
        return image
    }

    @Test("reads the YOLOv8 layout: columns of box and class scores, no objectness",
          arguments: [Rect(x: 0, y: 0, width: 64, height: 64), Rect(x: 100, y: 50, width: 64, height: 64)])
    func yolov8Layout(region: Rect) throws {
        var settings = DetectorSettings()
        settings.inputSize = 32
        let detector = try YOLODetector(model: DetectorModel(path: fixture("yolov8-layout.onnx"), kind: .yolov8,
                                                             labelsPath: fixture("coco80.names")), settings: settings, engine: Fixtures.engine)
        let image = blank(width: 300, height: 200)
        let found = try withExtendedLifetime(image) { try detector.detect(image.view, in: region) }
        // Every anchor gives the same box (cx 16, cy 12, w 8, h 6 in the 32 px input, class truck
        // 0.9); the 64 px region is shrunk by 2, so the box is twice as large, offset by the region.
        #expect(found == [Detection(category: .vehicle, label: "truck", score: 0.9,
                                    box: Rect(x: region.x + 24, y: region.y + 18, width: 16, height: 12))])
    }

    @Test("reads the YOLOv5 layout: rows with objectness times class score")
    func yolov5Layout() throws {
        var settings = DetectorSettings()
        settings.inputSize = 32
        let detector = try YOLODetector(model: DetectorModel(path: fixture("yolov5-layout.onnx"), kind: .yolov5,
                                                             labelsPath: fixture("coco80.names")), settings: settings, engine: Fixtures.engine)
        let image = blank(width: 64, height: 64)
        let found = try withExtendedLifetime(image) { try detector.detect(image.view, in: Rect(x: 0, y: 0, width: 64, height: 64)) }
        #expect(found.count == 1)
        #expect(found.first?.label == "car")
        #expect(abs((found.first?.score ?? 0) - 0.6) < 1e-5)
        #expect(found.first?.box == Rect(x: 24, y: 18, width: 16, height: 12))
    }

    @Test("a label file that does not match the model is refused with the model's name")
    func wrongLabelCount() throws {
        let labels = try Fixtures.temporaryFolder().appendingPathComponent("three.names")
        try "car\ntruck\nbus\n".write(to: labels, atomically: true, encoding: .utf8)
        var settings = DetectorSettings()
        settings.inputSize = 32
        let detector = try YOLODetector(model: DetectorModel(path: fixture("yolov8-layout.onnx"), kind: .yolov8,
                                                             labelsPath: labels.path), settings: settings, engine: Fixtures.engine)
        let image = blank(width: 64, height: 64)
        #expect {
            _ = try withExtendedLifetime(image) { try detector.detect(image.view, in: Rect(x: 0, y: 0, width: 64, height: 64)) }
        } throws: { error in
            guard case let .unexpectedOutput(path, _) = error as? ModelError else { return false }
            return path.hasSuffix("yolov8-layout.onnx")
        }
    }

    @Test("a missing or corrupt weights file is an error naming the file")
    func badWeights() throws {
        let model = try yolov4Tiny()
        let folder = try Fixtures.temporaryFolder()
        let missing = folder.appendingPathComponent("nothing.weights").path
        let corrupt = folder.appendingPathComponent("cut.weights")
        try FileManager.default.contents(atPath: model.path)!.prefix(100_000).write(to: corrupt)
        for path in [missing, corrupt.path] {
            var broken = model
            broken.path = path
            #expect {
                _ = try YOLODetector(model: broken, engine: Fixtures.engine)
            } throws: { error in
                guard case let .cannotLoad(errorPath, _) = error as? ModelError else { return false }
                return errorPath == path && "\(error)".contains(path)
            }
        }
    }

    @Test("a category map naming labels the model lacks is refused, naming them")
    func strictCategoryMap() throws {
        var settings = DetectorSettings()
        settings.categories = try CategoryMap(parsing: ["truck": "vehicle/truck", "container": "container"])
        settings.strictCategories = true
        #expect {
            _ = try YOLODetector(model: try yolov4Tiny(), settings: settings, engine: Fixtures.engine)
        } throws: { error in
            guard case let .badCategoryMap(_, detail) = error as? ModelError else { return false }
            return detail.contains("container")
        }
    }

    @Test("finds the walking worker of the sample clip in a native-resolution region around him")
    func findsSamplePerson() throws {
        let truth = try SampleTruth.load()
        let detector = try YOLODetector(model: try yolov4Tiny(), engine: Fixtures.engine)
        var hits = 0, tried = 0
        for index in [60, 80, 100, 120] {
            guard let person = truth.box(of: "person-1", frame: index) else { continue }
            tried += 1
            let frame = try sampleFrame(index)
            let region = RegionPlanner.motionRegions([person], width: frame.width, height: frame.height,
                                                     settings: RegionPlanSettings())
            let found = try withExtendedLifetime(frame) {
                try detector.detect(frame.view, regions: region)
            }
            if found.contains(where: { $0.category == .person && $0.box.iou(person) > 0.5 }) { hits += 1 }
        }
        #expect(tried == 4)
        #expect(hits >= 3, "found the worker on \(hits) of \(tried) frames")
    }

    @Test("on a real highway frame, finds the van and the car in the foreground",
          .enabled(if: Fixtures.hasRealData, "needs ../shared/realdata"))
    func findsRealVehicles() throws {
        let clip = Fixtures.realData.appendingPathComponent("videos/CS_highway.mp4").path
        let capture = try VideoCapture(uri: clip, kind: .file)
        let frame = PixelBuffer()
        for _ in 0...100 { _ = try capture.read(into: frame) }
        let detector = try YOLODetector(model: try yolov4Tiny(), engine: Fixtures.engine)
        let found = try withExtendedLifetime(frame) {
            try detector.detect(frame.view, in: Rect(x: 0, y: 0, width: frame.width, height: frame.height))
        }
        // Boxes drawn by hand on frame 100: the white delivery van and the red hatchback.
        let van = Rect(x: 324, y: 378, width: 114, height: 138), car = Rect(x: 716, y: 440, width: 95, height: 84)
        #expect(found.contains { $0.category == .vehicle && $0.box.iou(van) > 0.7 })
        #expect(found.contains { $0.label == "car" && $0.box.iou(car) > 0.7 })
    }
}

@Suite("Darknet weights checked against their .cfg")
struct DarknetWeightsTests {
    @Test("YOLOv4-tiny's cfg gives the size of the shipped weights")
    func sizeFromConfig() throws {
        let model = try yolov4Tiny()
        guard case let .darknet(config) = model.kind else { Issue.record("not a Darknet model"); return }
        let parameters = try #require(DarknetWeights.parameterCount(config: config))
        let header = try #require(DarknetWeights.headerBytes(weights: model.path))
        #expect(header + 4 * parameters == 24_251_276)
    }

    @Test("a Darknet file given by path, cut to 1 MB or empty, is refused before it can invent objects")
    func cutWeightsByPath() throws {
        let model = try yolov4Tiny()
        let folder = try Fixtures.temporaryFolder()
        let whole = try Data(contentsOf: URL(fileURLWithPath: model.path))
        for (name, bytes) in [("cut.weights", whole.prefix(1_000_000)), ("empty.weights", Data())] {
            let file = folder.appendingPathComponent(name)
            try Data(bytes).write(to: file)
            // As `--model` passes it: no known size, so the size must follow from the cfg.
            let given = DetectorModel(path: file.path, kind: model.kind, labelsPath: model.labelsPath)
            for engine in [Fixtures.engine, InferenceEngine.openCV()] {
                #expect {
                    _ = try YOLODetector(model: given, engine: engine)
                } throws: { error in
                    guard case let .cannotLoad(path, reason) = error as? ModelError else { return false }
                    return path == file.path && reason.contains("bytes")
                }
            }
        }
    }
}

@Suite("The int8 detector", .enabled(if: Fixtures.engine.backend == .openvino || Fixtures.requireOpenVINO))
struct Int8DetectorTests {
    @Test("finds what the f32 network finds on the sample, through OpenVINO")
    func agreesWithF32() throws {
        let folder = Fixtures.root.appendingPathComponent("models").path
        let int8Model = DetectorModel.yolov4Tiny(in: folder, precision: .int8)
        try #require(int8Model.openVINOPath?.hasSuffix("-int8.xml") == true, "run scripts/get-models to quantize the detector")
        let int8 = try YOLODetector(model: int8Model, engine: Fixtures.engine)
        let f32 = try YOLODetector(model: .yolov4Tiny(in: folder, precision: .f32), engine: Fixtures.engine)
        #expect(int8.backend == .openvino && f32.backend == .openvino)
        var found = 0, matched = 0
        for index in stride(from: 20, through: 280, by: 20) {
            let frame = try sampleFrame(index)
            // The whole frame, and its two halves at native resolution, as the daemon's tiles go.
            let areas = [Rect(x: 0, y: 0, width: frame.width, height: frame.height),
                         Rect(x: 0, y: 0, width: frame.height, height: frame.height),
                         Rect(x: frame.width - frame.height, y: 0, width: frame.height, height: frame.height)]
            for area in areas {
              let (a, b) = try withExtendedLifetime(frame) {
                (try f32.detect(frame.view, in: area), try int8.detect(frame.view, in: area))
              }
              for detection in a where detection.score >= 0.4 {
                found += 1
                if b.contains(where: { $0.label == detection.label && $0.box.iou(detection.box) >= 0.5 }) { matched += 1 }
              }
            }
        }
        print("int8 found \(matched) of the \(found) f32 detections scoring 0.4 or more")
        #expect(found >= 10)
        #expect(Double(matched) >= 0.9 * Double(found))
    }
}
