import Tracking

/// What one camera watches for: its zones and lines, which of them are gates, and how tracks and
/// container codes are handled.
public struct SceneSettings: Sendable {
    /// The camera's id, used in events and snapshot paths.
    public var camera: String
    /// The gate lane the camera watches, named in visit records; nil: the camera's id.
    public var lane: String?
    /// The lane's shared visits when several cameras watch it: their records of one passage
    /// become one `gate.transaction`.
    public var laneVisits: LaneVisits?
    /// The visits the site expects: finished visit records are held against them.
    public var expectedVisits: SharedExpectedVisits?
    /// Polygon zones.
    public var zones: [Zone] = []
    /// Counting lines.
    public var lines: [CountingLine] = []
    /// Ids of the lines and zones a truck passes through at the gate: a truck that crossed or
    /// visited one gets a `gate.transaction` event when its track ends.
    public var gates: Set<String> = []
    /// Tracker thresholds per category (for a detector that runs a few times a second).
    public var tracker = TrackerSettings.gatedDetection
    /// Seconds of footage between two code reads of one track.
    public var readInterval = 0.5
    /// Reads per track at most (codes and plates each).
    public var maxReadsPerTrack = 6
    /// The share of a truck's box, from the bottom up, searched for its plate.
    public var plateSearchShare = 0.55
    /// A code identified on this camera is not announced again for this many seconds of footage
    /// (a truck and its container both read it); after that it is, since a container comes back.
    public var reannounceAfter = 600.0
    /// How read codes are judged: the level announced as identified, the expected containers.
    public var codeRules = CodeRules()
    /// Attach an annotated JPEG crop of the frame to each event about an object.
    public var snapshots = true
    /// Seconds of footage before a truck's first sight that its visit's clip starts with.
    public var clipLeadIn = 3.0

    /// Settings for `camera` with no zones or lines.
    public init(camera: String) {
        self.camera = camera
    }
}
