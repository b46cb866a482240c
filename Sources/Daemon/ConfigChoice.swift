import Events
import Inference
import Pipeline
import Vision

/// A setting with a fixed set of answers, each named in the configuration by `configName`.
public protocol ConfigChoice: CaseIterable, Sendable {
    /// The answer's name in the YAML.
    var configName: String { get }
}

extension ConfigChoice where Self: RawRepresentable, RawValue == String {
    /// The raw value.
    public var configName: String { rawValue }
}

extension KeyedDecodingContainer where Key == ConfigKey {
    /// The answer named at `key`, or `fallback` when the key is absent; any other name throws an
    /// error that lists the allowed ones.
    public func choice<T: ConfigChoice>(_ key: String, or fallback: T) throws -> T {
        try choice(key) ?? fallback
    }

    /// The answer named at `key`, or nil when the key is absent.
    public func choice<T: ConfigChoice>(_ key: String) throws -> T? {
        guard let name = try decodeIfPresent(String.self, forKey: ConfigKey(key)) else { return nil }
        guard let answer = T.allCases.first(where: { $0.configName == name }) else {
            throw invalid(key, "expected one of \(T.allCases.map(\.configName).joined(separator: ", ")), got '\(name)'")
        }
        return answer
    }
}

/// Where a camera's detector looks (`detection:`).
public enum CameraDetection: String, ConfigChoice {
    /// Motion regions at native resolution, plus a periodic whole-frame refresh in tiles.
    case regions
    /// The whole frame shrunk into one input.
    case whole
    /// No detection: motion and camera health only.
    case off

    /// The detection stage's mode; nil when detection is off.
    public var mode: DetectionMode? {
        switch self {
        case .regions: .regions
        case .whole: .whole
        case .off: nil
        }
    }
}

/// How a configured detector model lays out its output (`detector.layout:`).
public enum DetectorLayout: String, ConfigChoice {
    /// Darknet YOLO (v3/v4), with its `.cfg`.
    case darknet
    /// An ONNX export of YOLOv5.
    case yolov5
    /// An ONNX export of YOLOv8.
    case yolov8
}

extension SQLiteEventStore.Synchronous: ConfigChoice {
    /// `full` or `normal`.
    public var configName: String { rawValue.lowercased() }
}

extension DetectorPrecision: ConfigChoice {}
extension InferenceBackend: ConfigChoice {}
