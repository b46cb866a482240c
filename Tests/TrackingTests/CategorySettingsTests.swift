import Detection
import Testing
import Tracking

@Suite struct CategorySettingsTests {
    @Test func personsNeedMoreHitsThanVehicles() {
        var tracker = Scenario.tracker()
        let steps = Scenario.run(&tracker, frames: 0..<6) { frame in
            [Scenario.detection(.vehicle, 100 + 8 * frame, 300, 160, 80), Scenario.detection(.person, 800 - frame, 200, 40, 100)]
        }
        let entered = Scenario.events(steps).filter { $0.kind == .entered }
        #expect(entered.map(\.track.category) == [.vehicle, .person])
        #expect(entered.map(\.time) == [2 * Scenario.frameInterval, 4 * Scenario.frameInterval])
    }

    @Test func containersStartTracksAtLowerScores() {
        var tracker = Scenario.tracker()
        // Score 0.55: under the vehicle's new-track score (0.6), over the container's (0.5).
        let steps = Scenario.run(&tracker, frames: 0..<5) { _ in
            [Scenario.detection(.vehicle, 100, 300, 160, 80, score: 0.55), Scenario.detection(.container, 600, 300, 300, 120, score: 0.55)]
        }
        #expect(Scenario.confirmedIDs(steps) == [1])
        #expect(steps.last?.tracks.map(\.category) == [.container])
    }

    @Test func slowTentativeTracksExpireAfterTheConfirmWindow() {
        var settings = TrackerSettings()
        settings.vehicle.confirmWindow = 0.5
        var tracker = Scenario.tracker(settings)
        // One detection every 0.3 s: the third hit would come 0.6 s after the first.
        var steps: [TrackerStep] = []
        for k in 0..<3 {
            steps.append(tracker.update([Scenario.detection(.vehicle, 100, 300, 160, 80)], at: 0.3 * Double(k), motion: []))
        }
        #expect(Scenario.events(steps).isEmpty)
        #expect(steps[2].removed.map(\.id) == [1])
        // With the default 1 s window the same input confirms.
        var relaxed = Scenario.tracker()
        let confirmed = (0..<3).map { relaxed.update([Scenario.detection(.vehicle, 100, 300, 160, 80)], at: 0.3 * Double($0), motion: []) }
        #expect(Scenario.events(confirmed).map(\.kind) == [.entered])
    }

    @Test func defaultsDifferByCategory() {
        let settings = TrackerSettings()
        #expect(settings[.person].confirmHits > settings[.vehicle].confirmHits)
        #expect(settings[.container].maxLostTime > settings[.vehicle].maxLostTime)
        #expect(settings[.container].highScore < settings[.vehicle].highScore)
        #expect(settings[.person].stationaryTime > settings[.vehicle].stationaryTime)
    }
}
