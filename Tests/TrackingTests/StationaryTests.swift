import Detection
import PixelCore
import Testing
import TestSupport
import Tracking

@Suite struct StationaryTests {
    /// A parked truck with ±2 px detection jitter.
    private func parked(_ frame: Int, _ random: inout SeededRandom, dx: Int = 0) -> Detection {
        Scenario.detection(.vehicle, 400 + dx + Int.random(in: -2...2, using: &random),
                           300 + Int.random(in: -2...2, using: &random), 300, 150, label: "truck")
    }

    /// 200 frames (8 s) of a parked truck, detected every frame.
    private func parkedTracker() -> (Tracker, [TrackerStep]) {
        var tracker = Scenario.tracker()
        var random = SeededRandom(seed: 11)
        let steps = Scenario.run(&tracker, frames: 0..<200) { [parked($0, &random)] }
        return (tracker, steps)
    }

    @Test func stationaryEmittedExactlyOnce() {
        let (_, steps) = parkedTracker()
        let stationary = Scenario.events(steps).filter { $0.kind == .stationary }
        #expect(stationary.count == 1)
        // Confirmed at 0.08 s; the anchor is its first detection at 0 s; the default is 5 s.
        #expect(abs((stationary.first?.time ?? 0) - 5.0) < 0.03)
        #expect(stationary.first?.track.isStationary == true)
        #expect(steps[124].tracks.first?.isStationary == false)
        #expect(steps[199].tracks.first?.isStationary == true)
    }

    @Test func keptThroughMissedDetectionsWhileNothingMoves() {
        var (tracker, steps) = parkedTracker()
        let box = steps.last?.tracks.first?.box
        let quiet = Scenario.run(&tracker, frames: 200..<300, motion: { _ in [] }) { _ in [] }
        for step in quiet {
            #expect(step.tracks.map(\.state) == [.confirmed])
            #expect(step.tracks.first?.box == box)
        }
        #expect(Scenario.events(quiet).isEmpty)
        #expect(quiet.last?.tracks.first?.lastSeen == 299 * Scenario.frameInterval)
        // Motion elsewhere in the frame (a person walking past) does not matter either.
        let elsewhere = Scenario.run(&tracker, frames: 300..<350, motion: { _ in [Rect(x: 0, y: 0, width: 200, height: 200)] }) { _ in [] }
        #expect(elsewhere.allSatisfy { $0.tracks.map(\.state) == [.confirmed] })
    }

    @Test func lostAndRemovedWhenMotionCoversItWithoutDetections() {
        var (tracker, _) = parkedTracker()
        // The truck drives off: its box area changes, the detector misses it.
        let leaving = Scenario.run(&tracker, frames: 200..<260, motion: { _ in [Rect(x: 380, y: 280, width: 340, height: 190)] }) { _ in [] }
        #expect(leaving[0].tracks.map(\.state) == [.lost])
        let events = Scenario.events(leaving)
        #expect(events.map(\.kind) == [.left])
        // Last seen at frame 199 (7.96 s); removed once more than 1.5 s have passed.
        #expect(events.first?.time == 237 * Scenario.frameInterval)
    }

    @Test func lightingChangeDoesNotEndIt() {
        var (tracker, _) = parkedTracker()
        let whole = Rect(x: 0, y: 0, width: 1280, height: 720)
        // A lighting step: motion everywhere for a few frames, then quiet again, and no detections.
        let steps = Scenario.run(&tracker, frames: 200..<300, motion: { frame in
            switch frame {
            case 200..<204: [whole]
            case 204..<206: [Rect(x: 0, y: 0, width: 1280, height: 400), Rect(x: 0, y: 380, width: 1280, height: 340)]
            case 206..<208: nil
            default: []
            }
        }) { _ in [] }
        #expect(steps.allSatisfy { $0.tracks.map(\.state) == [.confirmed] })
        #expect(Scenario.events(steps).isEmpty)
    }

    @Test func smallMovesKeepItStationaryAndAClearMoveStartsOver() {
        var (tracker, steps) = parkedTracker()
        var random = SeededRandom(seed: 12)
        // Creeping 6 px (the tolerance is 10% of the 150 px side): still the same stop.
        let creep = Scenario.run(&tracker, frames: 200..<260) { [parked($0, &random, dx: 6)] }
        #expect(Scenario.events(creep).isEmpty)
        #expect(creep.allSatisfy { $0.tracks.first?.isStationary == true })
        // Pulling forward 80 px and stopping again: moving, then a second stop after 5 s more.
        let moved = Scenario.run(&tracker, frames: 260..<400) { [parked($0, &random, dx: 80)] }
        #expect(moved[0].tracks.first?.isStationary == false)
        let stops = Scenario.events(moved).filter { $0.kind == .stationary }
        #expect(stops.count == 1)
        #expect(abs((stops.first?.time ?? 0) - 15.4) < 0.03)
        #expect(Scenario.events(steps + creep + moved).filter { $0.kind == .entered }.count == 1)
    }

    @Test func aMovingTrackIsNotKeptWithoutDetections() {
        var tracker = Scenario.tracker()
        let steps = Scenario.run(&tracker, frames: 0..<60, motion: { _ in [] }) { frame in
            frame < 20 ? [Scenario.detection(.vehicle, 100 + 8 * frame, 300, 160, 80)] : []
        }
        #expect(steps[20].tracks.map(\.state) == [.lost])
        #expect(steps.last?.tracks.isEmpty == true)
    }
}
