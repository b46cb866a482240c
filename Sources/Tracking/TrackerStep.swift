/// What one `Tracker.update` produced.
public struct TrackerStep: Sendable, Hashable {
    /// Media time of the step, in seconds.
    public var time: Double
    /// Every live track (tentative, confirmed and lost), by id.
    public var tracks: [TrackSnapshot]
    /// Tracks removed in this step (tentative ones included), by id, in state `.removed`.
    public var removed: [TrackSnapshot]
    /// The tracker's events of this step, by track id.
    public var events: [TrackEvent]

    /// The confirmed tracks only: the objects a consumer should show.
    public var confirmed: [TrackSnapshot] { tracks.filter { $0.state == .confirmed } }

    /// Creates a step (the tracker makes these; the init is for consumers' tests and replays).
    public init(time: Double, tracks: [TrackSnapshot], removed: [TrackSnapshot] = [], events: [TrackEvent] = []) {
        self.time = time
        self.tracks = tracks
        self.removed = removed
        self.events = events
    }
}
