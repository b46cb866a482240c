import ArgumentParser
import Foundation
import Inference
import Vision

/// Creates the folder annotated images go to; an error names it.
public func prepareAnnotationFolder(_ path: String?) throws {
    guard let path else { return }
    do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
        throw fail("cannot create the folder \(path): \(error.localizedDescription)")
    }
}

/// The container-code reader over the OCR models in `folder` (text_det.onnx, text_rec.onnx,
/// text_rec_dict.txt); an error names the file that is missing or bad.
public func makeCodeReader(models folder: String, depth: ReadDepth, engine: InferenceEngine) throws -> ContainerCodeReader {
    do {
        return try ContainerCodeReader(modelsIn: folder, depth: depth, engine: engine)
    } catch {
        throw fail("\(error)")
    }
}

/// The JSON encoder of the commands' outputs: sorted keys, so lines compare across runs.
public func makeOutputEncoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
}

/// Loads a detector. Errors name the file; the bundled model, when missing, says how to install it.
public func openDetector(_ model: DetectorModel, settings: DetectorSettings, engine: InferenceEngine) throws -> YOLODetector {
    if model.path == DetectorModel.yolov4Tiny(in: "models").path, !FileManager.default.fileExists(atPath: model.path) {
        throw fail("model file \(model.path) is missing: run scripts/get-models (or scripts/setup) to install it from PyPI")
    }
    do {
        return try YOLODetector(model: model, settings: settings, engine: engine)
    } catch {
        throw fail(error.description)
    }
}
