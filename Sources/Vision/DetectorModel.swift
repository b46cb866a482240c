import Foundation
import Inference

/// Where a detector's model lives and how to read it.
public struct DetectorModel: Sendable, Equatable {
    /// The model file's format and output layout.
    public enum Kind: Sendable, Equatable {
        /// Darknet YOLO (v3/v4, tiny or not): a `.cfg` and a `.weights` file.
        case darknet(config: String)
        /// An ONNX export of YOLOv5 (rows of cx, cy, w, h, objectness, class scores).
        case yolov5
        /// An ONNX export of YOLOv8 (columns of cx, cy, w, h, class scores; no objectness).
        case yolov8
    }

    /// The weights (`.weights` or `.onnx`).
    public var path: String
    /// How to read it.
    public var kind: Kind
    /// A text file with one class label per line, in the model's class order.
    public var labelsPath: String
    /// An ONNX file with the same network and outputs, for backends that do not read `path`
    /// (OpenVINO reads no Darknet files; scripts/get-models converts YOLOv4-tiny).
    public var openVINOPath: String?
    /// The weights file's size in bytes, when known: OpenCV loads a Darknet file that was cut short
    /// without complaint (the missing weights stay zero), so the size is checked before loading.
    public var expectedBytes: Int?

    /// Describes a model.
    public init(path: String, kind: Kind, labelsPath: String, openVINOPath: String? = nil, expectedBytes: Int? = nil) {
        self.path = path
        self.kind = kind
        self.labelsPath = labelsPath
        self.openVINOPath = openVINOPath
        self.expectedBytes = expectedBytes
    }

    /// The file the inference engine loads.
    var file: ModelFile {
        switch kind {
        case let .darknet(config): ModelFile(path: path, format: .darknet(config: config), openVINOPath: openVINOPath)
        case .yolov5, .yolov8: ModelFile(path: path, format: .onnx, openVINOPath: openVINOPath)
        }
    }

    /// YOLOv4-tiny (COCO) as `scripts/get-models` installs it under `models/yolov4-tiny/`. OpenVINO
    /// runs the int8 network where scripts/models/quantize-detector made it and `precision` asks for it,
    /// else the f32 ONNX conversion; OpenCV runs the Darknet files.
    public static func yolov4Tiny(in modelsFolder: String, precision: DetectorPrecision = .int8) -> DetectorModel {
        let folder = URL(fileURLWithPath: modelsFolder).appendingPathComponent("yolov4-tiny")
        let int8 = folder.appendingPathComponent("yolov4-tiny-int8.xml").path
        let openVINO = precision == .int8 && FileManager.default.fileExists(atPath: int8)
            ? int8 : folder.appendingPathComponent("yolov4-tiny.onnx").path
        return DetectorModel(path: folder.appendingPathComponent("yolov4-tiny.weights").path,
                             kind: .darknet(config: folder.appendingPathComponent("yolov4-tiny.cfg").path),
                             labelsPath: folder.appendingPathComponent("coco.names").path,
                             openVINOPath: openVINO, expectedBytes: 24_251_276)
    }

    /// Checks that the weights file is there and, when its size is known or follows from its
    /// Darknet `.cfg`, whole.
    func checkFile() throws(ModelError) {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let size = (attributes?[.size] as? NSNumber)?.intValue else {
            throw .cannotLoad(path: path, reason: "the file does not exist or cannot be read")
        }
        if let expectedBytes, size != expectedBytes {
            throw .cannotLoad(path: path, reason: "the file has \(size) bytes, expected \(expectedBytes): it is cut short or not the right file")
        }
        if expectedBytes == nil, case let .darknet(config) = kind {
            guard size >= 16, let header = DarknetWeights.headerBytes(weights: path) else {
                throw .cannotLoad(path: path, reason: "the file has \(size) bytes: too short for Darknet weights")
            }
            if let parameters = DarknetWeights.parameterCount(config: config), size != header + 4 * parameters {
                throw .cannotLoad(path: path, reason: "the file has \(size) bytes, but \(config) needs \(header + 4 * parameters) (\(parameters) weights): it is cut short or not the weights of that network")
            }
        }
    }

    /// The class labels, one per non-empty line of `labelsPath`.
    func loadLabels() throws(ModelError) -> [String] {
        guard let text = try? String(contentsOfFile: labelsPath, encoding: .utf8) else {
            throw .cannotLoad(path: labelsPath, reason: "the class label file cannot be read")
        }
        let labels = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard !labels.isEmpty else { throw .badDictionary(path: labelsPath, detail: "no class labels in the file") }
        return labels
    }
}
