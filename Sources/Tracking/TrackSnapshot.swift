import Detection
import PixelCore

/// One track as it stands after a tracker step.
public struct TrackSnapshot: Sendable, Hashable {
    /// The track's id: counts up from 1 per tracker and stays with the object through short occlusions.
    public var id: Int
    /// The category, fixed at the track's start; detections of other categories never join it.
    public var category: ObjectCategory
    /// The finer kind, from the latest high-score detection.
    public var label: String
    /// The filtered box (the prediction while lost), in frame pixels.
    public var box: Rect
    /// The score of the latest matched detection.
    public var score: Float
    /// Where the track is in its life.
    public var state: TrackState
    /// The filtered velocity of the box centre, pixels per second.
    public var velocity: Velocity
    /// True while the object has stayed put for its category's `stationaryTime`.
    public var isStationary: Bool
    /// Seconds since the first detection.
    public var age: Double
    /// Detections matched to the track so far.
    public var hits: Int
    /// Media time of the first detection.
    public var firstSeen: Double
    /// Media time of the latest evidence: a matched detection, or a step where a parked object's
    /// pixels were unchanged.
    public var lastSeen: Double

    /// Creates a snapshot (the tracker makes these; the init is for consumers' tests and replays).
    public init(
        id: Int, category: ObjectCategory, label: String, box: Rect, score: Float, state: TrackState,
        velocity: Velocity = Velocity(x: 0, y: 0), isStationary: Bool = false, age: Double = 0, hits: Int = 1,
        firstSeen: Double = 0, lastSeen: Double = 0
    ) {
        self.id = id
        self.category = category
        self.label = label
        self.box = box
        self.score = score
        self.state = state
        self.velocity = velocity
        self.isStationary = isStationary
        self.age = age
        self.hits = hits
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }
}
