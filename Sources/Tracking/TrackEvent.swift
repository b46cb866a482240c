/// Something that happened to a track: from the tracker (entered, stationary, left) or from a
/// `SceneMonitor` (zones and lines).
public struct TrackEvent: Sendable, Hashable {
    /// What happened.
    public enum Kind: Sendable, Hashable {
        /// `object.entered`: the track was confirmed.
        case entered
        /// `object.left`: a confirmed track was removed.
        case left
        /// `object.stationary`: the track stopped moving (once per stop).
        case stationary
        /// `zone.entered`: the track's ground point came into the zone.
        case zoneEntered(zone: String)
        /// `zone.left`: the ground point went out of the zone, or the track was removed inside it;
        /// `dwell` is the seconds from entering to the last time it was seen inside.
        case zoneLeft(zone: String, dwell: Double)
        /// `line.crossed`: the ground point crossed the line; `direction` is the line's name for that way.
        case lineCrossed(line: String, direction: String)

        /// The event's name in the event feed.
        public var name: String {
            switch self {
            case .entered: "object.entered"
            case .left: "object.left"
            case .stationary: "object.stationary"
            case .zoneEntered: "zone.entered"
            case .zoneLeft: "zone.left"
            case .lineCrossed: "line.crossed"
            }
        }
    }

    /// What happened.
    public var kind: Kind
    /// Media time of the step that produced the event, in seconds.
    public var time: Double
    /// The track (id, category, label, box, score) at that step.
    public var track: TrackSnapshot

    /// Creates an event.
    public init(kind: Kind, time: Double, track: TrackSnapshot) {
        self.kind = kind
        self.time = time
        self.track = track
    }
}
