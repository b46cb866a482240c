import Detection
import PixelCore

/// Multi-object tracker for one camera: ByteTrack-style two-stage IoU association with a
/// constant-velocity Kalman filter, per-category settings, and parked-object handling.
///
/// A pure state machine: give it each processed frame's detections, media time and motion regions,
/// and it returns the tracks and events of that step. Same inputs, same outputs, in the same order.
public struct Tracker: Sendable {
    /// The settings it was made with.
    public let settings: TrackerSettings
    /// The frame's size in pixels, to judge when motion covers most of it.
    public let frameWidth: Int
    /// The frame's height in pixels.
    public let frameHeight: Int

    /// Live tracks, always in id order (new ids are the largest, so appending keeps it).
    private var tracks: [Track] = []
    private var nextID = 1
    private var lastTime: Double?

    /// Creates a tracker for frames of the given size.
    public init(settings: TrackerSettings = TrackerSettings(), frameWidth: Int, frameHeight: Int) {
        self.settings = settings
        self.frameWidth = frameWidth
        self.frameHeight = frameHeight
    }

    /// Advances the tracker to media time `time` (seconds) with the detections found in that frame.
    ///
    /// `motion` is the frame-coordinate regions whose pixels changed since the previous frame, or nil
    /// when unknown; it only matters for stationary tracks that got no detection. Steps may be irregular;
    /// a time not after the previous one is taken as no time passing.
    public mutating func update(_ detections: [Detection], at time: Double, motion: [Rect]?) -> TrackerStep {
        let dt = lastTime.map { max(0, time - $0) } ?? 0
        lastTime = max(lastTime ?? time, time)
        let evidence = MotionEvidence(
            regions: motion, frame: Rect(x: 0, y: 0, width: frameWidth, height: frameHeight),
            unknownCoverage: settings.unknownMotionCoverage
        )
        for index in tracks.indices { tracks[index].begin(dt: dt) }
        // Each category is associated on its own: a container riding on a truck overlaps the truck's box
        // heavily, and must never take over (or be taken over by) the truck's track.
        for category in ObjectCategory.allCases {
            associate(detections.filter { $0.category == category }, category: category, at: time, motion: evidence)
        }
        for index in tracks.indices where tracks[index].state == .lost {
            if time - tracks[index].lastSeen > settings[tracks[index].category].maxLostTime {
                tracks[index].state = .removed
            }
        }
        return finishStep(at: time)
    }

    /// The four stages for one category's detections and tracks (ByteTrack, Zhang et al. 2022, Alg. 1).
    private mutating func associate(_ detections: [Detection], category: ObjectCategory, at time: Double, motion: MotionEvidence) {
        let rules = settings[category]
        let high = detections.filter { $0.score >= rules.highScore }
        let low = detections.filter { $0.score >= rules.lowScore && $0.score < rules.highScore }
        let mine = tracks.indices.filter { tracks[$0].category == category }

        // 1. High detections against every confirmed or lost track.
        let active = mine.filter { tracks[$0].state == .confirmed || tracks[$0].state == .lost }
        let first = Self.match(active.map { tracks[$0].filter.box }, high.map(\.box), minimumIoU: rules.matchIoU)
        for pair in first.pairs { tracks[active[pair.track]].match(high[pair.detection], at: time, relabel: true, settings: rules) }

        // 2. Low detections against the tracks still unmatched. ByteTrack takes only those tracked
        //    (not lost) last step; with `lowScoreForLost`, lost ones too: a detector that looks a
        //    few times a second loses a track whenever one look misses it, and a truck the
        //    detector scores low (0.26 to 0.37 on the 1080p sample) was then never found again.
        let secondStage = first.unmatchedTracks.map { active[$0] }.filter {
            tracks[$0].state == .confirmed || rules.lowScoreForLost
        }
        let second = Self.match(secondStage.map { tracks[$0].filter.box }, low.map(\.box), minimumIoU: rules.lowScoreMatchIoU)
        for pair in second.pairs { tracks[secondStage[pair.track]].match(low[pair.detection], at: time, relabel: false, settings: rules) }
        for t in second.unmatchedTracks where tracks[secondStage[t]].state == .confirmed { miss(secondStage[t], at: time, motion: motion) }

        // 3. Remaining high detections against tentative tracks; a tentative track that misses for
        //    longer than `tentativeMissTime` is gone.
        let leftover = first.unmatchedDetections.map { high[$0] }
        let tentative = mine.filter { tracks[$0].state == .tentative }
        let third = Self.match(tentative.map { tracks[$0].filter.box }, leftover.map(\.box), minimumIoU: rules.tentativeMatchIoU)
        for pair in third.pairs { tracks[tentative[pair.track]].match(leftover[pair.detection], at: time, relabel: true, settings: rules) }
        for t in third.unmatchedTracks where time - tracks[tentative[t]].lastSeen > rules.tentativeMissTime {
            tracks[tentative[t]].state = .removed
        }
        for index in tentative where tracks[index].state == .tentative && time - tracks[index].firstSeen > rules.confirmWindow {
            tracks[index].state = .removed
        }

        // 4. What is still unmatched and confident enough starts a track.
        for d in third.unmatchedDetections where leftover[d].score >= rules.newTrackScore {
            var track = Track(id: nextID, detection: leftover[d], at: time)
            if rules.confirmHits <= 1 { track.confirm() }
            tracks.append(track)
            nextID += 1
        }
    }

    /// A confirmed track with no detection: a parked object whose pixels did not change is still
    /// there; so is a slow vehicle or container whose pixels where it was last seen did not change
    /// (it stopped there: a truck under the gate, which a detector that looks where things move
    /// no longer sees). Anything else is lost.
    private mutating func miss(_ index: Int, at time: Double, motion: MotionEvidence) {
        let track = tracks[index]
        if track.stillness.isStationary, !motion.changed(track.filter.box, moreThan: settings.motionReleaseFraction) {
            tracks[index].lastSeen = time
        } else if track.mayHaveStopped, motion.regions != nil || track.heldStill,
                  !motion.changed(track.lastMeasured, moreThan: settings.motionReleaseFraction) {
            tracks[index].hold(at: time, settings: settings[track.category])
        } else {
            tracks[index].state = .lost
        }
    }

    /// Turns the step's flags into events (by track id), drops removed tracks, and reports.
    /// Ends every track, as at the end of the footage: confirmed and lost tracks are reported as
    /// having left, tentative ones are dropped.
    public mutating func endAll(at time: Double) -> TrackerStep {
        for index in tracks.indices {
            tracks[index].begin(dt: 0)
            tracks[index].state = .removed
        }
        return finishStep(at: time)
    }

    private mutating func finishStep(at time: Double) -> TrackerStep {
        var events: [TrackEvent] = []
        var removed: [TrackSnapshot] = []
        for track in tracks {
            let snapshot = track.snapshot(at: time)
            if track.confirmedThisStep { events.append(TrackEvent(kind: .entered, time: time, track: snapshot)) }
            if track.stoppedThisStep { events.append(TrackEvent(kind: .stationary, time: time, track: snapshot)) }
            if track.state == .removed {
                removed.append(snapshot)
                if track.wasConfirmed { events.append(TrackEvent(kind: .left, time: time, track: snapshot)) }
            }
        }
        tracks.removeAll { $0.state == .removed }
        return TrackerStep(time: time, tracks: tracks.map { $0.snapshot(at: time) }, removed: removed, events: events)
    }

    /// Optimal IoU matching of track boxes to detection boxes; pairs below `minimumIoU` are not matches.
    static func match(_ trackBoxes: [Rect], _ detectionBoxes: [Rect], minimumIoU: Double) -> Matching {
        guard !trackBoxes.isEmpty, !detectionBoxes.isEmpty else {
            return Matching(pairs: [], unmatchedTracks: Array(trackBoxes.indices), unmatchedDetections: Array(detectionBoxes.indices))
        }
        // Pairs under the gate cost more than any allowed pair so that they are only ever chosen when
        // nothing else is left, and are then dropped.
        let forbidden = 2.0
        let cost = trackBoxes.map { t in
            detectionBoxes.map { d in
                let overlap = t.iou(d)
                return overlap >= minimumIoU ? 1 - overlap : forbidden
            }
        }
        var pairs: [Matching.Pair] = []
        var trackTaken = [Bool](repeating: false, count: trackBoxes.count)
        var detectionTaken = [Bool](repeating: false, count: detectionBoxes.count)
        for (t, d) in LinearAssignment.solve(cost).enumerated() {
            guard let d, cost[t][d] < forbidden else { continue }
            pairs.append(Matching.Pair(track: t, detection: d))
            trackTaken[t] = true
            detectionTaken[d] = true
        }
        return Matching(
            pairs: pairs,
            unmatchedTracks: trackTaken.indices.filter { !trackTaken[$0] },
            unmatchedDetections: detectionTaken.indices.filter { !detectionTaken[$0] }
        )
    }
}

/// The result of one association stage, as indices into its inputs.
struct Matching {
    struct Pair {
        var track: Int
        var detection: Int
    }

    var pairs: [Pair]
    var unmatchedTracks: [Int]
    var unmatchedDetections: [Int]
}
