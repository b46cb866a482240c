import CVBridge
import Detection
import Inference
import PixelCore

/// A YOLO detector: Darknet YOLOv3/v4 (or its ONNX conversion) and ONNX YOLOv5/v8 exports, run by
/// the inference engine's backend.
/// Regions are letterboxed (scaled to fit, aspect kept, grey padding) into the square input;
/// the input tensor and the resize buffer are reused between calls.
public final class YOLODetector: Detector {
    /// The settings in force.
    public let settings: DetectorSettings
    /// The model.
    public let model: DetectorModel
    /// The model's class labels.
    public let labels: [String]
    private let mappings: [CategoryMapping?]
    private let net: any InferenceNetwork
    private let resized = PixelBuffer()
    private var input: [Float]
    private var candidates: [Detection] = []

    /// The square input size.
    public var inputSize: Int { settings.inputSize }
    /// The library that runs the network.
    public var backend: InferenceBackend { net.backend }

    /// Loads `model` with `engine`. A missing or unreadable file, or a category map naming labels the
    /// model does not have, throws `ModelError` naming the file.
    public init(model: DetectorModel, settings: DetectorSettings = DetectorSettings(), engine: InferenceEngine) throws(ModelError) {
        precondition(settings.inputSize % 32 == 0 && settings.inputSize > 0, "YOLO input sizes are multiples of 32")
        try model.checkFile()
        labels = try model.loadLabels()
        do {
            mappings = try settings.categories.resolve(against: labels, model: model.labelsPath,
                                                       strict: settings.strictCategories)
        } catch {
            throw .badCategoryMap(path: model.path, detail: error.description)
        }
        do {
            net = try engine.load(model.file, shape: InputShape(c: 3, h: settings.inputSize, w: settings.inputSize))
        } catch {
            throw .cannotLoad(path: model.path, reason: error.description)
        }
        self.model = model
        self.settings = settings
        input = [Float](repeating: 0, count: 3 * settings.inputSize * settings.inputSize)
    }

    /// Objects in `region` of `image` (BGR), in image pixels, highest score first.
    public func detect(_ image: ImageView, in region: Rect) throws(ModelError) -> [Detection] {
        precondition(image.channels == 3, "the detector takes BGR images")
        guard region.width >= 8, region.height >= 8 else { return [] }
        let size = settings.inputSize
        let scale = Double(size) / Double(max(region.width, region.height))
        let width = max(1, min(size, Int((Double(region.width) * scale).rounded())))
        let height = max(1, min(size, Int((Double(region.height) * scale).rounded())))
        let view = ImageView(data: image.data + region.y * image.stride + region.x * 3, width: region.width,
                             height: region.height, channels: 3, stride: image.stride)
        resized.reshape(width: width, height: height, channels: 3)
        do {
            try TextGeometry.resize(view, into: resized)
        } catch {
            throw .runFailed(path: model.path, reason: error.description)
        }
        fillInput(width: width, height: height)
        candidates.removeAll(keepingCapacity: true)
        let placement = Placement(region: region, scaleX: Double(region.width) / Double(width),
                                  scaleY: Double(region.height) / Double(height), inputSize: size)
        do {
            try input.withUnsafeBufferPointer { pointer in
                try net.run(pointer, shape: InputShape(c: 3, h: size, w: size)) { outputs in
                    for output in outputs { try decode(output, placement) }
                }
            }
        } catch let error as ModelError {
            throw error
        } catch let error as InferenceError {
            throw .runFailed(path: model.path, reason: error.description)
        } catch {
            throw .runFailed(path: model.path, reason: "\(error)")
        }
        return Suppression.nonMaximum(candidates, iou: settings.nmsThreshold)
    }

    /// Writes the resized region as RGB planes scaled to 0-1 into the top-left of the input, the
    /// rest grey (114, as YOLO letterboxing pads).
    private func fillInput(width: Int, height: Int) {
        let size = settings.inputSize
        input.withUnsafeMutableBufferPointer { tensor in
            tensor.update(repeating: 114 / 255)
            let image = resized.view
            for c in 0..<3 {
                let plane = tensor.baseAddress! + c * size * size
                let source = 2 - c  // BGR pixels into RGB planes
                for y in 0..<height {
                    let row = image.row(y)
                    let out = plane + y * size
                    for x in 0..<width { out[x] = Float(row[x * 3 + source]) * (1 / 255) }
                }
            }
        }
    }

    /// How model coordinates map back to the image.
    private struct Placement {
        var region: Rect
        var scaleX: Double
        var scaleY: Double
        var inputSize: Int
    }

    private func decode(_ output: Tensor, _ placement: Placement) throws(ModelError) {
        let classes = labels.count
        let dims = output.shape.filter { $0 != 1 }
        switch model.kind {
        case .darknet:
            // Rows of cx, cy, w, h (0-1 of the input), objectness, then class scores that OpenCV's
            // region layer has already multiplied by the objectness.
            guard dims.count == 2, dims[1] == 5 + classes else { throw unexpected(output, "rows of \(5 + classes)") }
            for row in 0..<dims[0] {
                let base = row * dims[1]
                let (best, score) = argmax(output.data, from: base + 5, count: classes, stride: 1)
                add(best, score, output.data, base, stride: 1, normalised: true, placement)
            }
        case .yolov5:
            guard dims.count == 2, dims[1] == 5 + classes else { throw unexpected(output, "rows of \(5 + classes)") }
            for row in 0..<dims[0] {
                let base = row * dims[1]
                let objectness = output.data[base + 4]
                guard objectness >= settings.scoreThreshold else { continue }
                let (best, score) = argmax(output.data, from: base + 5, count: classes, stride: 1)
                add(best, score * objectness, output.data, base, stride: 1, normalised: false, placement)
            }
        case .yolov8:
            // Transposed: 4 + classes rows, one column per anchor point.
            guard dims.count == 2, dims[0] == 4 + classes else { throw unexpected(output, "\(4 + classes) rows") }
            let columns = dims[1]
            for column in 0..<columns {
                let (best, score) = argmax(output.data, from: 4 * columns + column, count: classes, stride: columns)
                add(best, score, output.data, column, stride: columns, normalised: false, placement)
            }
        }
    }

    private func argmax(_ data: UnsafeBufferPointer<Float>, from start: Int, count: Int, stride: Int) -> (Int, Float) {
        var best = 0, score: Float = -1
        for k in 0..<count where data[start + k * stride] > score {
            score = data[start + k * stride]
            best = k
        }
        return (best, score)
    }

    private func add(_ classIndex: Int, _ score: Float, _ data: UnsafeBufferPointer<Float>, _ base: Int, stride: Int,
                     normalised: Bool, _ placement: Placement) {
        guard score >= settings.scoreThreshold, let mapping = mappings[classIndex] else { return }
        let unit = normalised ? Double(placement.inputSize) : 1
        let cx = Double(data[base]) * unit, cy = Double(data[base + stride]) * unit
        let w = Double(data[base + 2 * stride]) * unit, h = Double(data[base + 3 * stride]) * unit
        let region = placement.region
        let left = max(Double(region.x), Double(region.x) + (cx - w / 2) * placement.scaleX)
        let top = max(Double(region.y), Double(region.y) + (cy - h / 2) * placement.scaleY)
        let right = min(Double(region.maxX), Double(region.x) + (cx + w / 2) * placement.scaleX)
        let bottom = min(Double(region.maxY), Double(region.y) + (cy + h / 2) * placement.scaleY)
        guard right - left >= 2, bottom - top >= 2 else { return }
        let box = Rect(x: Int(left.rounded()), y: Int(top.rounded()), width: Int((right - left).rounded()),
                       height: Int((bottom - top).rounded()))
        candidates.append(Detection(category: mapping.category, label: mapping.label, score: score, box: box))
    }

    private func unexpected(_ output: Tensor, _ expected: String) -> ModelError {
        .unexpectedOutput(path: model.path, detail: "output of shape \(output.shape), expected \(expected) for \(labels.count) classes")
    }
}
