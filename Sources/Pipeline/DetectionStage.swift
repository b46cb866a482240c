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

/// Which regions of which frames the detector runs on: planned from motion under the rate cap,
/// with the periodic whole-frame refresh in tiles (or the whole frame shrunk, in `whole` mode).
public struct DetectionSchedule {
    /// Where the detector looks.
    public let mode: DetectionMode
    private var planner: RegionPlanner
    private let plan: RegionPlanSettings
    private let every: Int

    /// A schedule for a detector of `inputSize`, with the given plan settings, on every `every`-th frame.
    public init(inputSize: Int, mode: DetectionMode, plan: RegionPlanSettings, every: Int = 1) {
        precondition(every >= 1, "every must be at least 1")
        self.every = every
        var plan = plan
        plan.inputSize = inputSize
        self.mode = mode
        self.plan = plan
        planner = RegionPlanner(settings: plan)
    }

    /// Starts planning afresh, for footage whose time starts again (a looped file, a new
    /// connection): the rate cap and the tiled refresh are timed by the footage, so a planner
    /// that remembered the old footage's time would skip the new footage's refreshes.
    public mutating func restart() {
        planner = RegionPlanner(settings: plan)
    }

    /// The regions to run the detector on for one frame with its motion regions (empty when there
    /// are none); nil on frames it skips.
    public mutating func regions(for frame: Frame, motion: [Rect]) -> [PlannedRegion]? {
        guard frame.info.index % every == 0 else { return nil }
        let image = frame.image
        return switch mode {
        case .regions: planner.plan(motion: motion, width: image.width, height: image.height, time: frame.info.mediaTime)
        case .whole: planner.planWholeFrame(width: image.width, height: image.height, time: frame.info.mediaTime)
        }
    }
}

/// The detector stage of a replay: where it looks, and its side of the detection service that
/// runs the detector (on threads of its own, while the replay decodes the next frames).
public struct DetectionStage {
    /// Which regions of which frames.
    public var schedule: DetectionSchedule
    /// The replay's side of the detection service.
    public let client: DetectionClient
    /// Where the detector looks.
    public var mode: DetectionMode { schedule.mode }

    /// A stage asking `client` for detections, with the given plan settings (their input size is
    /// the detector's) on every `every`-th frame.
    public init(client: DetectionClient, mode: DetectionMode, plan: RegionPlanSettings, every: Int = 1) {
        self.client = client
        schedule = DetectionSchedule(inputSize: client.inputSize, mode: mode, plan: plan, every: every)
    }
}

extension Detector {
    /// What the detector finds in `regions` of `image`, merged across regions; where the model
    /// found no container, containers on trucks come from the cargo area's look (COCO models have
    /// no container class).
    public func detectWithCargo(_ image: ImageView, regions: [PlannedRegion]) throws(ModelError) -> [Detection] {
        var detections = try detect(image, regions: regions)
        if !detections.contains(where: { $0.category == .container && $0.source == .model }) {
            detections += ContainerEvidence.onTrucks(detections, in: image)
        }
        return detections
    }
}
