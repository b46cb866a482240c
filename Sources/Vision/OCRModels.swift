import Foundation
import Inference

/// The text detector and recogniser of an OCR models folder (`text_det.onnx`, `text_rec.onnx`,
/// `text_rec_dict.txt`), as committed in `models/ocr`: what the code and plate readers load.
struct OCRModels {
    let detector: TextDetector
    let recognizer: TextRecognizer

    /// Loads the models in `folder`.
    ///
    /// - Throws: `ModelError` naming the file that is missing or bad.
    init(folder: String, engine: InferenceEngine) throws(ModelError) {
        let url = URL(fileURLWithPath: folder)
        detector = try TextDetector(modelPath: url.appendingPathComponent("text_det.onnx").path, engine: engine)
        recognizer = try TextRecognizer(modelPath: url.appendingPathComponent("text_rec.onnx").path,
                                        dictionaryPath: url.appendingPathComponent("text_rec_dict.txt").path,
                                        narrowerWidths: TextRecognizer.shortLineWidths, engine: engine)
    }

    /// The plate reader's recogniser in `folder` (`plate_rec.onnx`, `plate_rec_dict.txt`), nil
    /// when the folder has none: then plates are read with the code reader's.
    ///
    /// - Throws: `ModelError` naming the file when it is there but cannot be loaded.
    static func plateRecognizer(folder: String, engine: InferenceEngine) throws(ModelError) -> TextRecognizer? {
        let url = URL(fileURLWithPath: folder)
        let model = url.appendingPathComponent("plate_rec.onnx").path
        guard FileManager.default.fileExists(atPath: model) else { return nil }
        return try TextRecognizer(modelPath: model, dictionaryPath: url.appendingPathComponent("plate_rec_dict.txt").path, engine: engine)
    }
}
