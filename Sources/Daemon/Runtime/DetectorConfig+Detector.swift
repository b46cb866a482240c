import Detection
import Inference
import Vision

extension DetectorConfig {
    /// The detector these settings describe, loaded with `engine`: the bundled YOLOv4-tiny unless a
    /// model is configured.
    ///
    /// - Throws: `DaemonError.models` naming the setting or file that is wrong.
    func makeDetector(engine: InferenceEngine) throws(DaemonError) -> YOLODetector {
        var settings = DetectorSettings()
        settings.inputSize = inputSize
        settings.scoreThreshold = Float(score)
        settings.threads = threads
        if let categories {
            do {
                settings.categories = try CategoryMap(parsing: categories)
            } catch {
                throw .models("detector.categories: \(error.description)")
            }
            settings.strictCategories = true
        }
        let kind: DetectorModel.Kind = switch layout {
        case .yolov5: .yolov5
        case .yolov8: .yolov8
        case .darknet: .darknet(config: modelConfig ?? "")
        }
        let defaults = DetectorConfig()
        let model = (model, modelConfig, labels) == (defaults.model, defaults.modelConfig, defaults.labels)
            ? DetectorModel.yolov4Tiny(in: "models", precision: precision)
            : DetectorModel(path: model, kind: kind, labelsPath: labels)
        do {
            return try YOLODetector(model: model, settings: settings, engine: engine)
        } catch {
            throw .models("detector: \(error.description)")
        }
    }
}
