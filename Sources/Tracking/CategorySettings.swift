/// The tracker's thresholds and timings for one object category.
public struct CategorySettings: Sendable, Hashable, Codable {
    /// Detections at or above this score are matched first, against confirmed and lost tracks.
    public var highScore: Float
    /// Detections from here up to `highScore` are matched second, to confirmed tracks only
    /// (ByteTrack's second stage); lower ones are ignored. Set equal to `highScore` to turn the stage off.
    public var lowScore: Float
    /// An unmatched high detection starts a track only at or above this score.
    public var newTrackScore: Float
    /// Least IoU between a track's predicted box and a high detection to match them.
    public var matchIoU: Double
    /// Least IoU for the low-score stage; stricter, as low scores are often clutter.
    public var lowScoreMatchIoU: Double
    /// True when the low-score stage also matches lost tracks, not only those tracked last step
    /// (for a detector that does not look at every frame).
    public var lowScoreForLost: Bool
    /// Least IoU between a tentative track and a detection.
    public var tentativeMatchIoU: Double
    /// Matched detections a tentative track needs to be confirmed.
    public var confirmHits: Int
    /// Seconds from a track's first detection within which it must reach `confirmHits`.
    public var confirmWindow: Double
    /// Seconds a lost track is kept (for re-matching with its id) before it is removed.
    public var maxLostTime: Double
    /// Seconds a tentative track may go without a match before it is dropped (0: at its first miss,
    /// as in ByteTrack, where the detector sees every frame).
    public var tentativeMissTime: Double
    /// Seconds a track's centre must stay within `stationaryTolerance` to be stationary.
    public var stationaryTime: Double
    /// How far the centre may wander and still be "not moving", as a fraction of the box's smaller side.
    public var stationaryTolerance: Double

    /// Creates settings for one category; see `TrackerSettings` for the defaults and their reasons.
    public init(
        highScore: Float = 0.5, lowScore: Float = 0.1, newTrackScore: Float = 0.6,
        matchIoU: Double = 0.2, lowScoreMatchIoU: Double = 0.5, lowScoreForLost: Bool = false, tentativeMatchIoU: Double = 0.3,
        confirmHits: Int = 3, confirmWindow: Double = 1.0, maxLostTime: Double = 1.5,
        stationaryTime: Double = 5.0, stationaryTolerance: Double = 0.1, tentativeMissTime: Double = 0
    ) {
        self.tentativeMissTime = tentativeMissTime
        self.highScore = highScore
        self.lowScore = lowScore
        self.newTrackScore = newTrackScore
        self.matchIoU = matchIoU
        self.lowScoreMatchIoU = lowScoreMatchIoU
        self.lowScoreForLost = lowScoreForLost
        self.tentativeMatchIoU = tentativeMatchIoU
        self.confirmHits = confirmHits
        self.confirmWindow = confirmWindow
        self.maxLostTime = maxLostTime
        self.stationaryTime = stationaryTime
        self.stationaryTolerance = stationaryTolerance
    }
}
