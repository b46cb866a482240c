import Foundation
import Inference

/// The text detector and recogniser of an OCR models folder (`text_det.onnx`, `text_rec.onnx`,
/// `text_rec_dict.txt`), as `scripts/get-models` installs them: what the code and plate readers
/// load.
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
                                        dictionaryPath: url.appendingPathComponent("text_rec_dict.txt").path, engine: engine)
    }
}
