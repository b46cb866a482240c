import Inference

/// How the daemon runs its networks (`inference:` in the configuration).
public struct InferenceConfig: Decodable, Sendable, Equatable {
    /// `openvino` or `opencv` by name; nil: OpenVINO where it is installed, else OpenCV.
    public var backend: InferenceBackend?
    /// Threads each network may use for one run.
    public var threads = 1
    /// The folder holding OpenVINO's libraries; nil: where scripts/get-openvino puts them.
    public var openVINODirectory: String?

    /// The defaults.
    public init() {}

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: ConfigKey.self)
        try c.rejectUnknown(["backend", "threads", "openvino_dir"])
        backend = try c.choice("backend")
        threads = try c.value("threads", or: threads)
        openVINODirectory = try c.decodeIfPresent(String.self, forKey: ConfigKey("openvino_dir"))
        try c.check((1...64).contains(threads), "threads", "expected 1 to 64")
    }

    /// The engine's settings.
    public var settings: InferenceSettings {
        InferenceSettings(backend: backend, threads: threads, openVINODirectory: openVINODirectory)
    }
}
