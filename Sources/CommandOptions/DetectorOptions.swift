import ArgumentParser
import CVBridge
import Detection
import Foundation
import Inference
import Vision

/// The options that choose and tune the object detector, shared by `detect`, `replay` and `bench`.
public struct DetectorOptions: ParsableArguments {
    /// The defaults.
    public init() {}

    @Option(help: "The detector's weights: a Darknet .weights (with --model-config) or an ONNX file. Default: models/yolov4-tiny.")
    public var model: String?

    @Option(help: "Darknet .cfg of --model.")
    public var modelConfig: String?

    @Option(help: "Layout of an ONNX --model: yolov5 or yolov8.")
    public var modelLayout: ONNXLayout = .yolov8

    @Option(help: "Class labels of --model, one per line.")
    public var labels: String?

    @Option(help: "JSON file mapping model labels to categories, e.g. {\"truck\": \"vehicle/truck\", \"container\": \"container\"}.")
    public var categoryMap: String?

    @Option(help: "Detector input size (a multiple of 32).")
    public var inputSize = 416

    @Option(help: "The bundled detector's precision under OpenVINO: int8 (made by scripts/get-models) or f32.")
    public var precision: DetectorPrecision = .int8

    @Option(help: "Detections scoring lower are dropped.")
    public var score: Float = 0.25

    @Option(help: "OpenCV threads (process-wide), for networks that run through OpenCV.")
    public var threads = 1

    public enum ONNXLayout: String, ExpressibleByArgument {
        case yolov5, yolov8
    }

    public func validate() throws {
        guard inputSize >= 32, inputSize % 32 == 0 else { throw ValidationError("--input-size must be a positive multiple of 32") }
        guard (0...1).contains(score) else { throw ValidationError("--score must be between 0 and 1") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        if model != nil, labels == nil { throw ValidationError("--model needs --labels (one class label per line)") }
    }

    /// Loads the detector with `engine`; errors name the file and say where models come from.
    public func makeDetector(engine: InferenceEngine) throws -> YOLODetector {
        var settings = DetectorSettings()
        settings.inputSize = inputSize
        settings.scoreThreshold = score
        settings.threads = threads
        if let categoryMap {
            settings.categories = try loadCategoryMap(categoryMap)
            settings.strictCategories = true
        }
        let description: DetectorModel
        if let model, let labels {
            if let modelConfig {
                description = DetectorModel(path: model, kind: .darknet(config: modelConfig), labelsPath: labels)
            } else {
                description = DetectorModel(path: model, kind: modelLayout == .yolov5 ? .yolov5 : .yolov8, labelsPath: labels)
            }
        } else {
            description = .yolov4Tiny(in: "models", precision: precision)
        }
        setOpenCVThreads(threads)
        return try openDetector(description, settings: settings, engine: engine)
    }

    private func loadCategoryMap(_ path: String) throws -> CategoryMap {
        guard let data = FileManager.default.contents(atPath: path) else { throw fail("cannot read the category map \(path)") }
        let entries: [String: String]
        do {
            entries = try JSONDecoder().decode([String: String].self, from: data)
        } catch {
            throw fail("category map \(path) is not a JSON object of label to category strings: \(error)")
        }
        do {
            return try CategoryMap(parsing: entries)
        } catch {
            throw fail("\(path): \(error.description)")
        }
    }
}

extension DetectorPrecision: ExpressibleByArgument {}
