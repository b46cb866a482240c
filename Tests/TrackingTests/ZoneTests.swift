import Foundation
import Testing
import Tracking

@Suite struct ZoneTests {
    private let lane = try! Zone(id: "lane", points: [Point(x: 100, y: 100), Point(x: 500, y: 100),
                                                      Point(x: 500, y: 400), Point(x: 100, y: 400)])

    @Test func enteredAndLeftWithDwell() throws {
        var monitor = try SceneMonitor(zones: [lane], lines: [])
        // x from 0 to 600 in 20 px steps at y = 250: in at x = 120 (step 6), out at x = 520 (step 26).
        let events = MonitorFixtures.path(&monitor, (0...30).map { Point(x: Double($0 * 20), y: 250) })
        #expect(events.map(\.kind.name) == ["zone.entered", "zone.left"])
        #expect(events.map(\.time) == [0.6, 2.6])
        #expect(abs((events.last.flatMap(MonitorFixtures.dwell) ?? 0) - 2.0) < 1e-9)
        #expect(events.allSatisfy { $0.track.id == 1 })
    }

    @Test func removalInsideEndsTheVisitAtTheLastSightingInside() throws {
        var monitor = try SceneMonitor(zones: [lane], lines: [])
        _ = monitor.update(MonitorFixtures.step(time: 1, grounds: [7: Point(x: 300, y: 300)]))
        _ = monitor.update(MonitorFixtures.step(time: 4, grounds: [7: Point(x: 310, y: 300)]))
        let events = monitor.update(MonitorFixtures.step(time: 6, grounds: [:], removed: [7]))
        #expect(events.map(\.kind) == [.zoneLeft(zone: "lane", dwell: 3)])
        #expect(events.first?.time == 6 && events.first?.track.id == 7)
        // A removed track that never was inside gives nothing.
        #expect(monitor.update(MonitorFixtures.step(time: 7, grounds: [:], removed: [8])).isEmpty)
    }

    @Test func jitterOnTheEdgeDoesNotRepeatEvents() throws {
        var monitor = try SceneMonitor(zones: [lane], lines: [], margin: 4)
        // Inside clearly, then ±3 px around the right edge (x = 500) forty times.
        let points = [Point(x: 300, y: 250)] + (0..<40).map { Point(x: $0 % 2 == 0 ? 497 : 503, y: 250) }
        #expect(MonitorFixtures.path(&monitor, points).map(\.kind) == [.zoneEntered(zone: "lane")])
    }

    @Test func lostTracksDoNotMove() throws {
        var monitor = try SceneMonitor(zones: [lane], lines: [])
        _ = monitor.update(MonitorFixtures.step(time: 0, grounds: [1: Point(x: 300, y: 300)]))
        let lost = MonitorFixtures.snapshot(1, ground: Point(x: 900, y: 300), state: .lost)
        #expect(monitor.update(TrackerStep(time: 1, tracks: [lost])).isEmpty)
    }

    @Test func evenOddRule() throws {
        // A concave "U": the notch is outside.
        let u = try Zone(id: "u", points: [Point(x: 0, y: 0), Point(x: 30, y: 0), Point(x: 30, y: 30),
                                           Point(x: 20, y: 30), Point(x: 20, y: 10), Point(x: 10, y: 10),
                                           Point(x: 10, y: 30), Point(x: 0, y: 30)])
        #expect(u.contains(Point(x: 5, y: 20)))
        #expect(u.contains(Point(x: 25, y: 20)))
        #expect(!u.contains(Point(x: 15, y: 20)))
        #expect(u.contains(Point(x: 15, y: 5)))
        #expect(!u.contains(Point(x: 40, y: 5)))
    }

    @Test func anOutlineThatCrossesItselfIsRefusedAndSaysWhere() {
        // A five-pointed star drawn in one stroke.
        let star = (0..<5).map { k in
            let angle = Double(k * 2 % 5) * 2 * Double.pi / 5 - Double.pi / 2
            return Point(x: 100 + 100 * cos(angle), y: 100 + 100 * sin(angle))
        }
        #expect(throws: SceneConfigurationError.selfCrossing(zone: "star", edge: 0, crosses: 2, points: 5)) {
            try Zone(id: "star", points: star)
        }
        // A bow-tie whose two halves cancel: its signed area is zero, but its points are not on one line.
        let bowTie = [Point(x: 0, y: 0), Point(x: 100, y: 100), Point(x: 100, y: 0), Point(x: 0, y: 100)]
        do {
            _ = try Zone(id: "lane", points: bowTie)
            Issue.record("a bow-tie was accepted")
        } catch {
            #expect(error == .selfCrossing(zone: "lane", edge: 0, crosses: 2, points: 4))
            #expect(error.description.contains("crosses itself"))
            #expect(error.description.contains("point 1 to 2"))
            #expect(!error.description.contains("one line"))
        }
        // The same four points in order around the square are fine.
        #expect(throws: Never.self) {
            try Zone(id: "lane", points: [Point(x: 0, y: 0), Point(x: 100, y: 0), Point(x: 100, y: 100), Point(x: 0, y: 100)])
        }
    }

    @Test func invalidZonesSayWhatToFix() {
        #expect(throws: SceneConfigurationError.tooFewPoints(zone: "z", count: 2)) {
            try Zone(id: "z", points: [Point(x: 0, y: 0), Point(x: 1, y: 1)])
        }
        #expect(throws: SceneConfigurationError.zeroArea(zone: "flat")) {
            try Zone(id: "flat", points: [Point(x: 0, y: 0), Point(x: 5, y: 5), Point(x: 10, y: 10)])
        }
        #expect(throws: SceneConfigurationError.emptyID) { try Zone(id: "", points: [] ) }
        #expect(throws: SceneConfigurationError.duplicateID("lane")) {
            try SceneMonitor(zones: [lane, lane], lines: [])
        }
        #expect(SceneConfigurationError.tooFewPoints(zone: "z", count: 2).description.contains("at least 3"))
    }

    @Test func decodingValidates() throws {
        let good = #"{"id": "gate", "points": [{"x": 0, "y": 0}, {"x": 10, "y": 0}, {"x": 0, "y": 10}]}"#
        #expect(try JSONDecoder().decode(Zone.self, from: Data(good.utf8)).points.count == 3)
        let bad = #"{"id": "gate", "points": [{"x": 0, "y": 0}, {"x": 10, "y": 0}]}"#
        #expect(throws: SceneConfigurationError.tooFewPoints(zone: "gate", count: 2)) {
            try JSONDecoder().decode(Zone.self, from: Data(bad.utf8))
        }
    }
}
