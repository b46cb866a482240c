import Detection
import PixelCore

/// Milliseconds spent per stage on one frame.
public struct StageTimes: Sendable, Equatable, Codable {
    /// Reading and decoding the frame.
    public var decode: Double
    /// The pixel core (downscale, background, regions).
    public var pixel: Double
    /// The detector, planning and merging included; nil when detection is off.
    public var detect: Double?

    /// Times of one frame.
    public init(decode: Double, pixel: Double, detect: Double? = nil) {
        self.decode = decode
        self.pixel = pixel
        self.detect = detect
    }
}

/// What the pipeline reports for one processed frame (one line of `replay --format jsonl`).
public struct FrameReport: Sendable, Equatable, Codable {
    /// Frame index in the footage.
    public var frame: Int
    /// Position in the footage, seconds.
    public var mediaTime: Double
    /// Motion regions, `[x, y, w, h]` in full-frame pixels.
    public var regions: [Rect]
    /// Share of working pixels that changed.
    public var motionFraction: Double
    /// Present and true when the background was reset for a global lighting change.
    public var lightingChange: Bool?
    /// What the detector found (nil when detection is off or it did not run on this frame).
    public var detections: [Detection]?
    /// Detector runs on this frame (nil when detection is off).
    public var detectorRuns: Int?
    /// Time per stage.
    public var ms: StageTimes

    enum CodingKeys: String, CodingKey {
        case frame
        case mediaTime = "media_time_s"
        case regions
        case motionFraction = "motion_fraction"
        case lightingChange = "lighting_change"
        case detections
        case detectorRuns = "detector_runs"
        case ms
    }
}

/// The end-of-run summary (the last line of `replay --format jsonl`).
public struct ReplaySummary: Sendable, Equatable, Codable {
    /// Always true: tells the summary apart from frame lines.
    public var summary = true
    /// The source's path or URL.
    public var source: String
    /// Frames processed.
    public var frames: Int
    /// Frames processed per second of wall time, reading and decoding included.
    public var fps: Double
    /// Wall time of the run, seconds.
    public var seconds: Double
    /// Frames a live source dropped because the pipeline was busy.
    public var dropped: Int
    /// Frames or images skipped as undecodable.
    public var corrupt: Int
    /// Non-image files ignored in a folder.
    public var ignoredFiles: Int
    /// True when a video ended well before its stated length.
    public var truncated: Bool
    /// Frames with at least one motion region.
    public var framesWithMotion: Int
    /// Frames where a global lighting change reset the background.
    public var lightingChanges: Int
    /// Median milliseconds per stage.
    public var medianMs: StageTimes
    /// Size of the frames, and of the pixel core's working image.
    public var frameSize: [Int]
    /// Size of the working image.
    public var workSize: [Int]
    /// The detector's work, when detection was on.
    public var detection: DetectionSummary?
    /// Why the run stopped early, if it did (a stream that dropped, a read error).
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case summary, source, frames, fps, seconds, dropped, corrupt
        case ignoredFiles = "ignored_files"
        case truncated
        case framesWithMotion = "frames_with_motion"
        case lightingChanges = "lighting_changes"
        case medianMs = "median_ms"
        case frameSize = "frame_size"
        case workSize = "work_size"
        case detection
        case error
    }
}

/// The detector's work over a replay.
public struct DetectionSummary: Sendable, Equatable, Codable {
    /// Where it looked.
    public var mode: DetectionMode
    /// Detector runs (one per region).
    public var runs: Int
    /// Milliseconds per run, planning and merging included.
    public var msPerRun: Double
    /// Milliseconds in all.
    public var totalMs: Double
    /// Frames on which something was found.
    public var framesWithDetections: Int
    /// Detections in all frames.
    public var detections: Int

    enum CodingKeys: String, CodingKey {
        case mode, runs
        case msPerRun = "ms_per_run"
        case totalMs = "total_ms"
        case framesWithDetections = "frames_with_detections"
        case detections
    }
}
