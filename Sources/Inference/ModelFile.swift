/// A network's file, and the file OpenVINO reads where that is another one.
public struct ModelFile: Sendable, Equatable {
    /// The file's format.
    public enum Format: Sendable, Equatable {
        /// ONNX (both backends read it).
        case onnx
        /// A Darknet `.weights` file with its `.cfg` (OpenCV only).
        case darknet(config: String)
    }

    /// The weights.
    public var path: String
    /// How to read them.
    public var format: Format
    /// An ONNX or OpenVINO IR file with the same network and the same outputs, for a format
    /// OpenVINO does not read (scripts/get-models converts YOLOv4-tiny's Darknet files).
    public var openVINOPath: String?

    /// Describes a model file.
    public init(path: String, format: Format = .onnx, openVINOPath: String? = nil) {
        self.path = path
        self.format = format
        self.openVINOPath = openVINOPath
    }
}
