import Detection
import PixelCore
import Testing
import TestSupport
import Tracking

@Suite struct TrackerLifecycleTests {
    /// A car 160x80 moving right at 200 px/s from x = 100.
    private func car(_ frame: Int, score: Float = 0.9) -> Detection {
        Scenario.detection(.vehicle, 100 + 8 * frame, 300, 160, 80, score: score, label: "car")
    }

    @Test func confirmedAfterThreeHitsWithOneEnteredEvent() {
        var tracker = Scenario.tracker()
        let steps = Scenario.run(&tracker, frames: 0..<10) { [car($0)] }
        #expect(steps[0].tracks.map(\.state) == [.tentative])
        #expect(steps[1].tracks.map(\.state) == [.tentative])
        #expect(steps[2].tracks.map(\.state) == [.confirmed])
        let events = Scenario.events(steps)
        #expect(events.map(\.kind) == [.entered])
        #expect(events.first?.time == 2 * Scenario.frameInterval)
        #expect(events.first?.track.id == 1 && events.first?.track.label == "car")
        #expect(steps[9].tracks.first?.hits == 10)
        #expect(abs((steps[9].tracks.first?.velocity.x ?? 0) - 200) < 30)
    }

    @Test func spuriousDetectionsNeverConfirm() {
        var tracker = Scenario.tracker()
        // One-frame and two-frame flickers at different places, with gaps between.
        let steps = Scenario.run(&tracker, frames: 0..<40) { frame in
            switch frame {
            case 5: [Scenario.detection(.vehicle, 500, 200, 100, 60)]
            case 12, 13: [Scenario.detection(.vehicle, 800, 400, 90, 60)]
            case 20: [Scenario.detection(.person, 300, 100, 30, 80)]
            default: []
            }
        }
        #expect(Scenario.events(steps).isEmpty)
        #expect(Scenario.confirmedIDs(steps).isEmpty)
        #expect(steps[6].removed.map(\.id) == [1])
        #expect(steps[6].removed.first?.state == .removed)
        #expect(steps[39].tracks.isEmpty)
    }

    @Test func keepsItsIDThroughAShortOcclusion() {
        var tracker = Scenario.tracker()
        // Hidden for frames 20...34 (0.6 s) while it keeps moving.
        let steps = Scenario.run(&tracker, frames: 0..<60) { (20...34).contains($0) ? [] : [car($0)] }
        #expect(Scenario.confirmedIDs(steps) == [1])
        #expect(steps[25].tracks.map(\.state) == [.lost])
        #expect(steps[35].tracks.map(\.state) == [.confirmed])
        #expect(steps[35].tracks.first?.id == 1)
        #expect(Scenario.events(steps).map(\.kind) == [.entered])
        // The prediction kept moving while it was hidden.
        #expect((steps[34].tracks.first?.box.x ?? 0) > 100 + 8 * 30)
    }

    @Test func removedAfterMaxLostTimeWithOneLeftEvent() {
        var tracker = Scenario.tracker()
        let steps = Scenario.run(&tracker, frames: 0..<80) { $0 < 10 ? [car($0)] : [] }
        let events = Scenario.events(steps)
        #expect(events.map(\.kind) == [.entered, .left])
        // Last seen at frame 9 (0.36 s); removed at the first step more than 1.5 s later.
        #expect(events.last?.time == 47 * Scenario.frameInterval)
        #expect(events.last?.track.state == .removed)
        #expect(steps[46].tracks.map(\.state) == [.lost])
        #expect(steps[47].tracks.isEmpty && steps[47].removed.map(\.id) == [1])
    }

    @Test func idsCountUpFromOne() {
        var tracker = Scenario.tracker()
        let steps = Scenario.run(&tracker, frames: 0..<5) { _ in
            [Scenario.detection(.vehicle, 100, 100, 100, 100), Scenario.detection(.person, 600, 100, 40, 100),
             Scenario.detection(.container, 900, 300, 200, 100)]
        }
        #expect(steps[4].tracks.map(\.id) == [1, 2, 3])
        #expect(steps[4].tracks.map(\.category) == [.vehicle, .container, .person])
    }

    /// Score 0.9, then 0.3 for 2.4 s (longer than the 1.5 s a lost vehicle is kept), then 0.9 again.
    private func dippingScore(_ settings: TrackerSettings) -> [TrackerStep] {
        var tracker = Scenario.tracker(settings)
        return Scenario.run(&tracker, frames: 0..<120) { frame in
            [car(frame, score: (30..<90).contains(frame) ? 0.3 : 0.9)]
        }
    }

    @Test func lowScoreStageKeepsATrackThroughAScoreDip() {
        let steps = dippingScore(TrackerSettings())
        #expect(Scenario.confirmedIDs(steps) == [1])
        #expect(steps[60].tracks.map(\.state) == [.confirmed])
        #expect(steps[60].tracks.first?.score == 0.3)
        #expect(Scenario.events(steps).map(\.kind) == [.entered])
    }

    @Test func withoutTheLowScoreStageTheIDChanges() {
        var settings = TrackerSettings()
        settings.vehicle.lowScore = settings.vehicle.highScore
        let steps = dippingScore(settings)
        #expect(Scenario.confirmedIDs(steps) == [1, 2])
        #expect(steps[60].tracks.map(\.state) == [.lost])
        #expect(Scenario.events(steps).map(\.kind) == [.entered, .left, .entered])
    }

    @Test func crossingObjectsKeepTheirIDs() {
        var tracker = Scenario.tracker()
        // Two vehicles on nearly the same row, driving towards each other; boxes overlap heavily mid-way.
        let steps = Scenario.run(&tracker, frames: 0..<100) { frame in
            [Scenario.detection(.vehicle, 100 + 9 * frame, 300, 140, 90, label: "car"),
             Scenario.detection(.vehicle, 1000 - 9 * frame, 316, 140, 90, label: "truck")]
        }
        #expect(Scenario.confirmedIDs(steps) == [1, 2])
        for step in steps.dropFirst(3) {
            let one = step.tracks.first { $0.id == 1 }, two = step.tracks.first { $0.id == 2 }
            #expect(one?.label == "car" && two?.label == "truck")
            #expect((one?.velocity.x ?? 0) > 0 && (two?.velocity.x ?? 0) < 0)
            #expect((one?.box.y ?? 0) < (two?.box.y ?? 0))
        }
        #expect(Scenario.events(steps).map(\.kind) == [.entered, .entered])
    }

    @Test func categoriesNeverMix() {
        var tracker = Scenario.tracker()
        // A truck and the container on it: nearly the same box, different categories.
        let steps = Scenario.run(&tracker, frames: 0..<60) { frame in
            let truck = Scenario.detection(.vehicle, 100 + 8 * frame, 300, 300, 150, label: "truck")
            let container = Scenario.detection(.container, 104 + 8 * frame, 300, 290, 120)
            // From frame 30 the truck is not detected; the container must not take over its track.
            return frame < 30 ? [truck, container] : [container]
        }
        #expect(Scenario.confirmedIDs(steps) == [1, 2])
        for step in steps {
            for track in step.tracks { #expect(track.category == (track.id == 1 ? .vehicle : .container)) }
        }
        #expect(steps[31].tracks.first { $0.id == 1 }?.state == .lost)
        #expect(steps[31].tracks.first { $0.id == 2 }?.state == .confirmed)
    }

    @Test func irregularTimeStepsStillMatch() {
        var tracker = Scenario.tracker()
        var random = SeededRandom(seed: 3)
        var time = 0.0
        var ids = Set<Int>()
        for _ in 0..<80 {
            time += Double.random(in: 0.03...0.25, using: &random)
            let step = tracker.update([Scenario.detection(.vehicle, 100 + Int(150 * time), 300, 200, 100)], at: time, motion: [])
            ids.formUnion(step.tracks.map(\.id))
        }
        #expect(ids == [1])
    }
}
