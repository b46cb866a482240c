import Detection
import FrameSources
import PixelCore
import Timing
import Vision

/// Where the detector looks.
public enum DetectionMode: String, Sendable, Equatable, Codable {
    /// Motion regions at native resolution, plus the periodic whole-frame refresh in tiles.
    case regions
    /// The whole frame shrunk into one input (for comparison).
    case whole
}

/// What the detection stage did with one frame.
public struct DetectionOutcome: Sendable, Equatable {
    /// Objects found, merged across regions, in frame pixels.
    public var detections: [Detection]
    /// The regions the detector ran on.
    public var regions: [PlannedRegion]
    /// Milliseconds spent detecting.
    public var ms: Double
}

/// The detector stage of a camera pipeline: plans regions from motion under the rate cap, runs
/// the detector on them (BGR frames at native resolution) and merges what it finds.
public final class DetectionStage {
    /// Where the detector looks.
    public let mode: DetectionMode
    private let detector: Detector
    private var planner: RegionPlanner
    private let plan: RegionPlanSettings
    private let every: Int

    /// A stage running `detector` with the given plan settings (their input size is the detector's)
    /// on every `every`-th frame.
    public init(detector: Detector, mode: DetectionMode, plan: RegionPlanSettings, every: Int = 1) {
        precondition(every >= 1, "every must be at least 1")
        self.every = every
        var plan = plan
        plan.inputSize = detector.inputSize
        self.detector = detector
        self.mode = mode
        self.plan = plan
        planner = RegionPlanner(settings: plan)
    }

    /// Starts planning afresh, for footage whose time starts again (a looped file, a new
    /// connection): the rate cap and the tiled refresh are timed by the footage, so a planner
    /// that remembered the old footage's time would skip the new footage's refreshes.
    public func restart() {
        planner = RegionPlanner(settings: plan)
    }

    /// Plans and runs the detector for one frame with its motion regions; nil on frames it skips.
    public func process(_ frame: Frame, motion: [Rect]) throws(ModelError) -> DetectionOutcome? {
        guard frame.info.index % every == 0 else { return nil }
        let clock = ContinuousClock()
        let start = clock.now
        let image = frame.image
        let regions = switch mode {
        case .regions: planner.plan(motion: motion, width: image.width, height: image.height, time: frame.info.mediaTime)
        case .whole: planner.planWholeFrame(width: image.width, height: image.height, time: frame.info.mediaTime)
        }
        guard !regions.isEmpty else { return DetectionOutcome(detections: [], regions: [], ms: 0) }
        var detections = try detector.detect(image, regions: regions)
        // COCO models have no container class: containers on trucks come from the cargo area's look.
        if !detections.contains(where: { $0.category == .container && $0.source == .model }) {
            detections += ContainerEvidence.onTrucks(detections, in: image)
        }
        return DetectionOutcome(detections: detections, regions: regions, ms: (clock.now - start).inMilliseconds)
    }
}
