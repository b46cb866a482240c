/// How the detector's regions are chosen, and how often it may run.
public struct RegionPlanSettings: Sendable, Equatable, Codable {
    /// The detector's square input size in pixels.
    public var inputSize = 416
    /// Motion regions grow by this fraction of their size on each side (at least 16 px), so the
    /// whole object is inside even when only part of it moved.
    public var padding = 0.15
    /// A region may be shrunk by at most this factor into the detector's input; larger regions are
    /// cut into overlapping squares of `inputSize * maxShrink` pixels. 1.5 rather than 2: with the
    /// int8 detector's cheaper runs, it found more vehicles on the real clips (recall 0.52 → 0.64,
    /// 0.59 → 0.86, 0.44 → 0.48) and the sample's car again (scripts/eval/eval-detect, 2026-12-04).
    public var maxShrink = 1.5
    /// A region too large to shrink into one input by `maxShrink` is also searched whole, shrunk
    /// as far as it takes, before its squares: an object larger than any square (a truck close to
    /// a 1080p camera) is otherwise seen only in pieces.
    public var overview = true
    /// Overviews' own cap on runs per second, as a fraction (more than 0) of `maxRunsPerSecond`.
    public var overviewRate = 0.5
    /// When more than 0, a motion region larger than `inputSize / fineTiles` is also searched in
    /// overlapping squares of that side, so that small vehicles inside a large moving area (a
    /// highway) are seen at native size or larger. They come after the region's own squares, so
    /// `maxRegionsPerFrame` must leave room for them. 0 (the default) leaves it out: on the real
    /// clips it found more vehicles at 2.5 times the runs and twice the false detections
    /// (docs/detection.md).
    public var fineTiles = 0.0
    /// Neighbouring squares and refresh tiles overlap by this fraction of their side.
    public var overlap = 0.2
    /// The whole frame is searched in tiles this often (seconds), one tile per planned frame, so
    /// that objects that stopped moving are still seen. 0 turns the refresh off.
    public var refreshInterval = 10.0
    /// Refresh tiles are squares of `inputSize * refreshShrink` pixels.
    public var refreshShrink = 2.0
    /// The cap on detector runs per second for one camera (each region is one run); 0: no cap.
    /// Overviews have a cap of their own, `overviewRate` times this one.
    public var maxRunsPerSecond = 4.0
    /// At most this many motion regions are run on one frame, overviews apart.
    public var maxRegionsPerFrame = 4

    /// The defaults.
    public init() {}
}

/// Why the detector looks at a region.
public enum RegionReason: String, Sendable, Hashable, Codable {
    /// Something moved there.
    case motion
    /// A motion region too large for one square, shrunk whole into one input; only objects
    /// larger than a third of it are kept (the squares see smaller ones at a finer scale).
    case overview
    /// A tile of the periodic whole-frame refresh.
    case refresh
    /// The whole frame, shrunk into the detector's input (the simple way, for comparison).
    case wholeFrame = "whole_frame"
    /// A tile of a one-off search of a whole image.
    case tile
}
