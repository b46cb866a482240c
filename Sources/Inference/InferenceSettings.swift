/// How the daemon runs its networks.
public struct InferenceSettings: Sendable, Equatable {
    /// The backend asked for by name, or nil for the default: OpenVINO where it is installed and
    /// reads the model, OpenCV otherwise. A backend asked for by name is used or start-up fails.
    public var backend: InferenceBackend?
    /// Threads each network may use for one run.
    public var threads: Int
    /// The folder that holds `libopenvino_c.so.*`, or nil to look in the usual places
    /// (`$PORTSIGHT_OPENVINO_DIR`, `.deps/openvino` beside the sources, /usr/local/lib/portsight/openvino).
    public var openVINODirectory: String?

    /// The defaults: OpenVINO if it can be had, one thread.
    public init(backend: InferenceBackend? = nil, threads: Int = 1, openVINODirectory: String? = nil) {
        self.backend = backend
        self.threads = threads
        self.openVINODirectory = openVINODirectory
    }
}
