/// How the daemon runs its networks, for `/status`: the backend in force, and the queues of the
/// object detector and the code reader, each shared by every camera.
public struct InferenceStatus: Sendable, Hashable, Codable {
    /// `openvino` or `opencv`.
    public var backend: String
    /// The detection service shared by the cameras (a run is one region); nil when no camera detects.
    public var detector: QueueStatus?
    /// The code reading service shared by the cameras; nil when no camera reads codes.
    public var codeReader: QueueStatus?

    /// Creates inference figures.
    public init(backend: String = "opencv", detector: QueueStatus? = nil, codeReader: QueueStatus? = nil) {
        self.backend = backend
        self.detector = detector
        self.codeReader = codeReader
    }

    enum CodingKeys: String, CodingKey {
        case backend, detector
        case codeReader = "code_reader"
    }

    /// Encodes every key, `null` included, so the shape never changes.
    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(backend, forKey: .backend)
        try values.encode(detector, forKey: .detector)
        try values.encode(codeReader, forKey: .codeReader)
    }
}

/// A network's job queue: what it ran, what waits, what was dropped, and how long each took.
public struct QueueStatus: Sendable, Hashable, Codable {
    /// Runs since the start.
    public var runs: Int64
    /// Runs per second over the last ten seconds.
    public var runsPerS: Double
    /// Jobs dropped since the start (too many waiting for one camera, or waited too long).
    public var dropped: Int64
    /// Jobs waiting now.
    public var queued: Int64
    /// Milliseconds per run over the last runs: median and 99th percentile.
    public var msP50: Double
    public var msP99: Double
    /// Milliseconds a job waited for its turn: median and 99th percentile.
    public var waitMsP50: Double
    public var waitMsP99: Double

    /// Creates queue figures.
    public init(runs: Int64 = 0, dropped: Int64 = 0, queued: Int64 = 0, msP50: Double = 0, msP99: Double = 0,
                waitMsP50: Double = 0, waitMsP99: Double = 0, runsPerS: Double = 0) {
        self.runs = runs
        self.runsPerS = runsPerS
        self.dropped = dropped
        self.queued = queued
        self.msP50 = msP50
        self.msP99 = msP99
        self.waitMsP50 = waitMsP50
        self.waitMsP99 = waitMsP99
    }

    enum CodingKeys: String, CodingKey {
        case runs, dropped, queued
        case runsPerS = "runs_per_s"
        case msP50 = "ms_p50"
        case msP99 = "ms_p99"
        case waitMsP50 = "wait_ms_p50"
        case waitMsP99 = "wait_ms_p99"
    }
}
