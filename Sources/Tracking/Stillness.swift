/// Watches a track's centre for stopping: an anchor point that moves only when the centre wanders
/// clearly (beyond the tolerance) away from it.
///
/// A track becomes stationary once its centre has stayed within the tolerance of the anchor for the
/// stationary time. Moving within the tolerance changes nothing, so a parked truck whose box jitters
/// does not re-alert. Moving beyond it makes the track moving again; it may become stationary (and
/// be reported) again after a new full stationary time.
struct Stillness: Sendable, Hashable {
    private(set) var anchor: Point
    private(set) var since: Double
    private(set) var isStationary = false

    init(centre: Point, at time: Double) {
        anchor = centre
        since = time
    }

    /// Takes a measured centre; returns true when the track has just become stationary.
    mutating func observe(centre: Point, size: Double, at time: Double, settings: CategorySettings) -> Bool {
        if centre.distance(to: anchor) > settings.stationaryTolerance * size {
            anchor = centre
            since = time
            isStationary = false
            return false
        }
        guard !isStationary, time - since >= settings.stationaryTime else { return false }
        isStationary = true
        return true
    }
}
