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
    /// Narrower inputs for the code recogniser: most lines on a container are four to seven
    /// characters (`PSGU`, `418273`, `22G1`, `TARE`), 2 to 4 times as long as high.
    public static let shortLineWidths = [80, 120, 160, 240]
    /// One network per input width, narrowest first: a short crop runs through a narrower input.
    private let nets: [(width: Int, net: any InferenceNetwork)]
    private let decoder: CTCDecoder
    private let resized = PixelBuffer()
    private var input: [Float]

    /// Loads the model and its dictionary (one character per line; class 0 is the blank, class i
    /// the dictionary's line i, and the last class a space). Under OpenVINO the model is also
    /// compiled for each of `narrowerWidths` that it takes, and a short crop runs through the
    /// narrowest input that holds it: a run costs about its width.
    public init(modelPath: String, dictionaryPath: String, topK: Int = 5, narrowerWidths: [Int] = [],
                engine: InferenceEngine) throws(ModelError) {
        var nets: [(width: Int, net: any InferenceNetwork)] = []
        do {
            nets.append((inputWidth, try engine.load(ModelFile(path: modelPath), shape: InputShape(c: 3, h: inputHeight, w: inputWidth))))
        } catch {
            throw .cannotLoad(path: modelPath, reason: error.description)
        }
        if engine.backend == .openvino, nets[0].net.backend == .openvino {
            for width in Set(narrowerWidths).sorted(by: >) where width > 0 && width < inputWidth {
                // A model whose shapes are baked in does not compile narrower: it keeps the full width.
                guard let net = try? engine.load(ModelFile(path: modelPath), shape: InputShape(c: 3, h: inputHeight, w: width)),
                      net.backend == .openvino else { break }
                nets.insert((width, net), at: 0)
            }
        }
        self.nets = nets
        guard let text = try? String(contentsOfFile: dictionaryPath, encoding: .utf8) else {
            throw .badDictionary(path: dictionaryPath, detail: "cannot be read")
        }
        var alphabet = text.split(separator: "\n", omittingEmptySubsequences: false).compactMap(\.first)
        alphabet.append(" ")
        decoder = CTCDecoder(alphabet: alphabet, topK: topK)
        input = [Float](repeating: 0, count: 3 * inputHeight * inputWidth)
    }

    /// Reads the text of `crop` (BGR), which should hold one line, upright; at the full input
    /// width when `fullWidth` (what the plate reader was tuned with).
    public func recognize(_ crop: ImageView, fullWidth: Bool = false) throws -> RecognizedText {
        precondition(crop.channels == 3, "the recogniser takes BGR crops")
        let width = max(1, min(inputWidth, Int((Double(inputHeight) * Double(crop.width) / Double(max(1, crop.height))).rounded(.up))))
        resized.reshape(width: width, height: inputHeight, channels: 3)
        try TextGeometry.resize(crop, into: resized)
        let (netWidth, net) = fullWidth ? nets[nets.count - 1] : nets.first { $0.width >= width } ?? nets[nets.count - 1]
        fillInput(width: width, inputWidth: netWidth)
        return try input.withUnsafeBufferPointer { whole in
            let pointer = UnsafeBufferPointer(rebasing: whole[0..<(3 * inputHeight * netWidth)])
            return try net.run(pointer, shape: InputShape(c: 3, h: inputHeight, w: netWidth)) { outputs -> RecognizedText in
                guard let output = outputs.first, output.shape.count == 3 else {
                    throw ModelError.unexpectedOutput(path: net.path, detail: "expected 1 x steps x classes")
                }
                let steps = output.shape[1], classes = output.shape[2]
                guard classes == decoder.alphabet.count + 1 else {
                    throw ModelError.unexpectedOutput(path: net.path,
                                                      detail: "\(classes) classes, but the dictionary gives \(decoder.alphabet.count + 1)")
                }
                var text = decoder.decode(output.data, steps: steps, classes: classes)
                text.filled = Double(width) / Double(netWidth)
                return text
            }
        }
    }

    /// (x/255 - 0.5) / 0.5 per channel, BGR as read; the padding stays 0 (mid-grey).
    private func fillInput(width: Int, inputWidth: Int) {
        let plane = inputHeight * inputWidth
        input.withUnsafeMutableBufferPointer { tensor in
            UnsafeMutableBufferPointer(rebasing: tensor[0..<(3 * plane)]).update(repeating: 0)
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
