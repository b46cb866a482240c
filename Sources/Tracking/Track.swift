import Detection
import PixelCore

/// The tracker's working record of one object.
struct Track: Sendable, Hashable {
    let id: Int
    let category: ObjectCategory
    var label: String
    var score: Float
    var filter: BoxFilter
    var state: TrackState
    var hits = 1
    let firstSeen: Double
    var lastSeen: Double
    var stillness: Stillness
    /// True once the track has been confirmed (so its removal is an `object.left`).
    var wasConfirmed = false
    /// The box of the last detection matched.
    var lastMeasured: Rect
    /// Kept with no detection because its pixels did not change: it stopped where it was last seen.
    var heldStill = false

    // What happened in the current step, turned into events at its end.
    var confirmedThisStep = false
    var stoppedThisStep = false

    init(id: Int, detection: Detection, at time: Double) {
        self.id = id
        category = detection.category
        label = detection.label
        score = detection.score
        filter = BoxFilter(box: detection.box)
        lastMeasured = detection.box
        state = .tentative
        firstSeen = time
        lastSeen = time
        stillness = Stillness(centre: detection.box.centre, at: time)
    }

    /// Predicts the box at the new step's time and clears the step's flags.
    mutating func begin(dt: Double) {
        confirmedThisStep = false
        stoppedThisStep = false
        filter.predict(dt: dt, holdStill: stillness.isStationary || heldStill)
    }

    /// Folds in a matched detection. Low-score detections keep the track alive but do not relabel it.
    mutating func match(_ detection: Detection, at time: Double, relabel: Bool, settings: CategorySettings) {
        filter.update(box: detection.box)
        lastMeasured = detection.box
        heldStill = false
        score = detection.score
        if relabel { label = detection.label }
        hits += 1
        lastSeen = time
        if state == .lost { state = .confirmed }
        // Hits must come within the confirm window; a slower track is dropped by the tracker.
        if state == .tentative, hits >= settings.confirmHits, time - firstSeen <= settings.confirmWindow { confirm() }
        if state == .confirmed {
            let box = detection.box
            let size = Double(min(box.width, box.height))
            if stillness.observe(centre: box.centre, size: size, at: time, settings: settings) {
                stoppedThisStep = true
            }
        }
    }

    /// Keeps the track where it was last seen, standing still: a detector that looks where things
    /// move does not look at an object that stopped.
    mutating func hold(at time: Double, settings: CategorySettings) {
        if !heldStill { filter = BoxFilter(box: lastMeasured) }
        heldStill = true
        lastSeen = time
        let size = Double(min(lastMeasured.width, lastMeasured.height))
        if stillness.observe(centre: lastMeasured.centre, size: size, at: time, settings: settings) { stoppedThisStep = true }
    }

    /// True when a missed detection may mean the object stopped rather than left: a vehicle or
    /// container seen on several frames that was slow (under half its size a second) or is held.
    var mayHaveStopped: Bool {
        guard category != .person, hits >= 3 else { return false }
        let size = Double(max(lastMeasured.width, lastMeasured.height))
        return heldStill || (filter.velocity.x * filter.velocity.x + filter.velocity.y * filter.velocity.y).squareRoot() < 0.5 * size
    }

    mutating func confirm() {
        state = .confirmed
        wasConfirmed = true
        confirmedThisStep = true
    }

    func snapshot(at time: Double) -> TrackSnapshot {
        TrackSnapshot(
            id: id, category: category, label: label, box: filter.box, score: score, state: state,
            velocity: filter.velocity, isStationary: stillness.isStationary, age: time - firstSeen,
            hits: hits, firstSeen: firstSeen, lastSeen: lastSeen
        )
    }
}
