import CVBridge
import Inference
import PixelCore

/// Settings of the DB text detector.
public struct TextDetectorSettings: Sendable, Equatable {
    /// Square input size of the model (the converted file's fixed shape).
    public var inputSize = 640
    /// Probability above which a pixel is text.
    public var binThreshold = 0.3
    /// Boxes whose mean probability is lower are dropped.
    public var boxThreshold = 0.5
    /// How far boxes grow back out (DB shrinks text regions in training).
    public var unclipRatio = 1.6
    /// Boxes with a side shorter than this (model pixels) are dropped.
    public var minimumSize = 3.0

    /// The defaults (PaddleOCR's, with a slightly larger unclip for boxed check digits).
    public init() {}
}

/// Finds text regions with a DB (differentiable binarization) model.
public final class TextDetector {
    /// The settings in force.
    public let settings: TextDetectorSettings
    private let net: any InferenceNetwork
    /// Under OpenVINO, the model compiled for narrower inputs, made on first use: a wide photo
    /// or tile runs through 640x384 instead of 640x640, and costs about its share of it.
    private var narrower: [InputShape: any InferenceNetwork] = [:]
    /// Shapes the model would not compile for: not tried again.
    private var refused = Set<InputShape>()
    private let engine: InferenceEngine
    private let path: String
    private let resized = PixelBuffer()
    private var input: [Float]

    /// The shorter sides an input may be cut down to (the model takes multiples of 32).
    static let shorterSides = [384, 480]

    /// The library that runs the network.
    public var backend: InferenceBackend { net.backend }

    /// Loads the model at `path` (ONNX, 1x3xSxS input) with `engine`.
    public init(modelPath path: String, settings: TextDetectorSettings = TextDetectorSettings(),
                engine: InferenceEngine) throws(ModelError) {
        do {
            net = try engine.load(ModelFile(path: path), shape: InputShape(c: 3, h: settings.inputSize, w: settings.inputSize))
        } catch {
            throw .cannotLoad(path: path, reason: error.description)
        }
        self.settings = settings
        self.engine = engine
        self.path = path
        input = [Float](repeating: 0, count: 3 * settings.inputSize * settings.inputSize)
    }

    /// The network and input shape for an image resized to `width` x `height`: the narrowest
    /// that holds it, or the full square.
    private func network(width: Int, height: Int) -> (net: any InferenceNetwork, shape: InputShape) {
        let size = settings.inputSize, square = InputShape(c: 3, h: size, w: size)
        guard net.backend == .openvino, let side = Self.shorterSides.first(where: { $0 >= min(width, height) && $0 < size }) else {
            return (net, square)
        }
        let shape = width >= height ? InputShape(c: 3, h: side, w: size) : InputShape(c: 3, h: size, w: side)
        if let known = narrower[shape] { return (known, shape) }
        guard !refused.contains(shape), let made = try? engine.load(ModelFile(path: path), shape: shape), made.backend == .openvino else {
            refused.insert(shape)
            return (net, square)
        }
        narrower[shape] = made
        return (made, shape)
    }

    /// Text boxes in `image` (BGR), or in `region` of it, in image pixels, highest score first;
    /// through the full square input when `fullSquare` (what the plate reader was tuned with).
    public func detect(_ image: ImageView, region: Rect? = nil, fullSquare: Bool = false) throws -> [RotatedBox] {
        precondition(image.channels == 3, "the text detector takes BGR images")
        let area = region ?? Rect(x: 0, y: 0, width: image.width, height: image.height)
        guard area.width >= 8, area.height >= 8 else { return [] }
        let view = ImageView(data: image.data + area.y * image.stride + area.x * 3, width: area.width,
                             height: area.height, channels: 3, stride: image.stride)
        let size = settings.inputSize
        let scale = Double(size) / Double(max(area.width, area.height))
        let width = max(1, min(size, Int((Double(area.width) * scale).rounded())))
        let height = max(1, min(size, Int((Double(area.height) * scale).rounded())))
        resized.reshape(width: width, height: height, channels: 3)
        try TextGeometry.resize(view, into: resized)
        let (net, shape) = fullSquare ? (self.net, InputShape(c: 3, h: size, w: size)) : network(width: width, height: height)
        fillInput(width: width, height: height, shape: shape)
        let boxes = try input.withUnsafeBufferPointer { whole in
            let pointer = UnsafeBufferPointer(rebasing: whole[0..<shape.count])
            return try net.run(pointer, shape: shape) { outputs -> [RotatedBox] in
                guard let map = outputs.first, map.data.count == shape.h * shape.w else {
                    throw ModelError.unexpectedOutput(path: net.path, detail: "expected a 1x1x\(shape.h)x\(shape.w) probability map")
                }
                return try TextGeometry.dbBoxes(map.data, width: shape.w, height: shape.h, binThreshold: settings.binThreshold,
                                                boxThreshold: settings.boxThreshold, unclipRatio: settings.unclipRatio,
                                                minimumSize: settings.minimumSize,
                                                scaleX: Double(area.width) / Double(width), scaleY: Double(area.height) / Double(height))
            }
        }
        return boxes.map {
            var box = $0
            box.centerX += Double(area.x)
            box.centerY += Double(area.y)
            return box
        }
    }

    /// Text boxes in each of `tiles` of `image`, in image pixels: a box is kept unless an
    /// earlier tile already found the same text (overlapping tiles find it twice). `fullSquare`
    /// as in `detect(_:region:fullSquare:)`.
    public func detect(_ image: ImageView, tiles: [Rect], fullSquare: Bool = false) throws -> [RotatedBox] {
        var boxes: [RotatedBox] = []
        for tile in tiles {
            for box in try detect(image, region: tile, fullSquare: fullSquare) {
                let bounds = box.bounds(within: image.width, image.height)
                if !boxes.contains(where: { Self.sameRegion($0.bounds(within: image.width, image.height), bounds) }) {
                    boxes.append(box)
                }
            }
        }
        return boxes
    }

    /// True when the boxes cover mostly the same pixels (intersection over union above a half).
    static func sameRegion(_ a: Rect, _ b: Rect) -> Bool {
        let w = min(a.maxX, b.maxX) - max(a.x, b.x), h = min(a.maxY, b.maxY) - max(a.y, b.y)
        guard w > 0, h > 0 else { return false }
        return 2 * w * h > a.area + b.area - w * h
    }

    /// Writes the resized image, normalised like PaddleOCR's detector ((x/255 - mean) / std per
    /// channel, BGR as read), into the top-left of the zeroed input tensor.
    private func fillInput(width: Int, height: Int, shape: InputShape) {
        let mean: [Float] = [0.485, 0.456, 0.406], std: [Float] = [0.229, 0.224, 0.225]
        input.withUnsafeMutableBufferPointer { tensor in
            UnsafeMutableBufferPointer(rebasing: tensor[0..<shape.count]).update(repeating: 0)
            let image = resized.view
            for c in 0..<3 {
                let a = 1 / (255 * std[c]), b = -mean[c] / std[c]
                let plane = tensor.baseAddress! + c * shape.h * shape.w
                for y in 0..<height {
                    let row = image.row(y)
                    let out = plane + y * shape.w
                    for x in 0..<width { out[x] = Float(row[x * 3 + c]) * a + b }
                }
            }
        }
    }
}
