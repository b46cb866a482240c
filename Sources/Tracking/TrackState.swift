/// Where a track is in its life.
public enum TrackState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Newly seen; not reported until it has enough hits. A miss removes it at once.
    case tentative
    /// Seen often enough to be an object: matched this step, or parked and held (see `TrackerSettings`).
    case confirmed
    /// Confirmed before, missed now; its box is the filter's prediction. A match brings it back with
    /// the same id.
    case lost
    /// Gone: lost for longer than the category's `maxLostTime`, or a tentative track that missed.
    case removed
}
