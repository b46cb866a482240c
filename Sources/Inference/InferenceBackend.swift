/// The library that runs a network.
public enum InferenceBackend: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Intel's OpenVINO, through its C API (the pinned PyPI wheel, unpacked by scripts/get-openvino).
    case openvino
    /// OpenCV 4.6's `dnn` module (Debian's libopencv-dev): always there, 3 to 5 times slower.
    case opencv

    public var description: String { rawValue }
}
