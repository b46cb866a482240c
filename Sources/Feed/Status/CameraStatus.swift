import Events

/// One camera's pipeline, as its stages last reported it.
public struct CameraStatus: Sendable, Hashable, Codable {
    /// The camera's id from the configuration.
    public var id: String
    /// The health monitor's verdict.
    public var state: CameraState
    /// Frames read from the source per second.
    public var fpsRead: Double
    /// Frames that went through the pixel core per second.
    public var fpsProcessed: Double
    /// Frames dropped since start (a live source keeps only the latest frame).
    public var droppedFrames: Int64
    /// Seconds since the last frame arrived; nil before the first one.
    public var lastFrameAgeS: Double?
    /// Reconnections to the source in the last hour.
    public var reconnectsLastHour: Int
    /// Stalls (frames late or missing) in the last hour.
    public var stallsLastHour: Int
    /// Detector runs per second.
    public var detectorRunsPerS: Double
    /// Milliseconds per detector run (recent mean).
    public var detectorMsPerRun: Double
    /// Capture-to-event latency, median, in milliseconds; nil before the first event.
    public var latencyP50Ms: Double?
    /// Capture-to-event latency, 99th percentile, in milliseconds; nil before the first event.
    public var latencyP99Ms: Double?

    /// Creates a camera's status; a new camera is `starting` with every figure at zero.
    public init(
        id: String, state: CameraState = .starting, fpsRead: Double = 0, fpsProcessed: Double = 0,
        droppedFrames: Int64 = 0, lastFrameAgeS: Double? = nil, reconnectsLastHour: Int = 0, stallsLastHour: Int = 0,
        detectorRunsPerS: Double = 0, detectorMsPerRun: Double = 0, latencyP50Ms: Double? = nil,
        latencyP99Ms: Double? = nil
    ) {
        self.id = id
        self.state = state
        self.fpsRead = fpsRead
        self.fpsProcessed = fpsProcessed
        self.droppedFrames = droppedFrames
        self.lastFrameAgeS = lastFrameAgeS
        self.reconnectsLastHour = reconnectsLastHour
        self.stallsLastHour = stallsLastHour
        self.detectorRunsPerS = detectorRunsPerS
        self.detectorMsPerRun = detectorMsPerRun
        self.latencyP50Ms = latencyP50Ms
        self.latencyP99Ms = latencyP99Ms
    }

    enum CodingKeys: String, CodingKey {
        case id, state
        case fpsRead = "fps_read"
        case fpsProcessed = "fps_processed"
        case droppedFrames = "dropped_frames"
        case lastFrameAgeS = "last_frame_age_s"
        case reconnectsLastHour = "reconnects_last_hour"
        case stallsLastHour = "stalls_last_hour"
        case detectorRunsPerS = "detector_runs_per_s"
        case detectorMsPerRun = "detector_ms_per_run"
        case latencyP50Ms = "latency_p50_ms"
        case latencyP99Ms = "latency_p99_ms"
    }

    /// Encodes every key, with `null` for figures not known yet, so the shape never changes.
    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(id, forKey: .id)
        try values.encode(state, forKey: .state)
        try values.encode(fpsRead, forKey: .fpsRead)
        try values.encode(fpsProcessed, forKey: .fpsProcessed)
        try values.encode(droppedFrames, forKey: .droppedFrames)
        try values.encode(lastFrameAgeS, forKey: .lastFrameAgeS)
        try values.encode(reconnectsLastHour, forKey: .reconnectsLastHour)
        try values.encode(stallsLastHour, forKey: .stallsLastHour)
        try values.encode(detectorRunsPerS, forKey: .detectorRunsPerS)
        try values.encode(detectorMsPerRun, forKey: .detectorMsPerRun)
        try values.encode(latencyP50Ms, forKey: .latencyP50Ms)
        try values.encode(latencyP99Ms, forKey: .latencyP99Ms)
    }
}
