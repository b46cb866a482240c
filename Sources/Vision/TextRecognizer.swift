import CVBridge
import Inference
import Foundation
import PixelCore

/// Reads one line of text from a crop with a CTC recogniser.
public final class TextRecognizer {
    /// Input height the model takes.
    public let inputHeight = 48
    /// Input width the model takes (crops are padded on the right).
    public let inputWidth = 320
    private let net: any InferenceNetwork
    private let decoder: CTCDecoder
    private let resized = PixelBuffer()
    private var input: [Float]

    /// Loads the model and its dictionary (one character per line; class 0 is the blank, class i
    /// the dictionary's line i, and the last class a space).
    public init(modelPath: String, dictionaryPath: String, topK: Int = 5, engine: InferenceEngine) throws(ModelError) {
        do {
            net = try engine.load(ModelFile(path: modelPath), shape: InputShape(c: 3, h: 48, w: 320))  // inputHeight x inputWidth
        } catch {
            throw .cannotLoad(path: modelPath, reason: error.description)
        }
        guard let text = try? String(contentsOfFile: dictionaryPath, encoding: .utf8) else {
            throw .badDictionary(path: dictionaryPath, detail: "cannot be read")
        }
        var alphabet = text.split(separator: "\n", omittingEmptySubsequences: false).compactMap(\.first)
        alphabet.append(" ")
        decoder = CTCDecoder(alphabet: alphabet, topK: topK)
        input = [Float](repeating: 0, count: 3 * inputHeight * inputWidth)
    }

    /// Reads the text of `crop` (BGR), which should hold one line, upright.
    public func recognize(_ crop: ImageView) throws -> RecognizedText {
        precondition(crop.channels == 3, "the recogniser takes BGR crops")
        let width = max(1, min(inputWidth, Int((Double(inputHeight) * Double(crop.width) / Double(max(1, crop.height))).rounded(.up))))
        resized.reshape(width: width, height: inputHeight, channels: 3)
        try TextGeometry.resize(crop, into: resized)
        fillInput(width: width)
        return try input.withUnsafeBufferPointer { pointer in
            try net.run(pointer, shape: InputShape(c: 3, h: inputHeight, w: inputWidth)) { outputs -> RecognizedText in
                guard let output = outputs.first, output.shape.count == 3 else {
                    throw ModelError.unexpectedOutput(path: net.path, detail: "expected 1 x steps x classes")
                }
                let steps = output.shape[1], classes = output.shape[2]
                guard classes == decoder.alphabet.count + 1 else {
                    throw ModelError.unexpectedOutput(path: net.path,
                                                      detail: "\(classes) classes, but the dictionary gives \(decoder.alphabet.count + 1)")
                }
                var text = decoder.decode(output.data, steps: steps, classes: classes)
                text.filled = Double(width) / Double(inputWidth)
                return text
            }
        }
    }

    /// (x/255 - 0.5) / 0.5 per channel, BGR as read; the padding stays 0 (mid-grey).
    private func fillInput(width: Int) {
        let plane = inputHeight * inputWidth
        input.withUnsafeMutableBufferPointer { tensor in
            tensor.update(repeating: 0)
            let image = resized.view
            for c in 0..<3 {
                let base = tensor.baseAddress! + c * plane
                for y in 0..<inputHeight {
                    let row = image.row(y)
                    let out = base + y * inputWidth
                    for x in 0..<width { out[x] = Float(row[x * 3 + c]) / 127.5 - 1 }
                }
            }
        }
    }
}
