import Testing
import Tracking

@Suite struct LineTests {
    /// A vertical line drawn from the bottom of the image to the top: moving right is `leftToRight`.
    private let gate = try! CountingLine(id: "gate", start: Point(x: 640, y: 700), end: Point(x: 640, y: 100),
                                         leftToRight: "east", rightToLeft: "west")

    private func xs(_ values: [Double], y: Double = 400) -> [Point] { values.map { Point(x: $0, y: y) } }

    @Test func crossedInBothDirections() throws {
        var monitor = try SceneMonitor(zones: [], lines: [gate])
        let east = MonitorFixtures.path(&monitor, xs(stride(from: 500, through: 800, by: 25).map { $0 }))
        #expect(east.map(\.kind) == [.lineCrossed(line: "gate", direction: "east")])
        #expect(east.first?.time == 0.6)

        var other = try SceneMonitor(zones: [], lines: [gate])
        let west = MonitorFixtures.path(&other, xs(stride(from: 800, through: 500, by: -25).map { $0 }))
        #expect(west.map(\.kind) == [.lineCrossed(line: "gate", direction: "west")])
    }

    @Test func directionFollowsTheDocumentedRuleForAHorizontalLine() throws {
        // Drawn left to right across a lane: moving down the screen is leftToRight.
        let stop = try CountingLine(id: "stop", start: Point(x: 0, y: 300), end: Point(x: 1280, y: 300),
                                    leftToRight: "in", rightToLeft: "out")
        #expect(stop.signedDistance(Point(x: 10, y: 310)) == 10)
        var monitor = try SceneMonitor(zones: [], lines: [stop])
        let down = MonitorFixtures.path(&monitor, [Point(x: 600, y: 200), Point(x: 600, y: 400)])
        #expect(down.map(\.kind) == [.lineCrossed(line: "stop", direction: "in")])
    }

    @Test func jitterOnTheLineCountsOnce() throws {
        var monitor = try SceneMonitor(zones: [], lines: [gate], margin: 4)
        // Clearly left, then ±3 px around the line sixty times, then clearly right.
        let jitter = (0..<60).map { 640.0 + ($0 % 2 == 0 ? 3 : -3) }
        let events = MonitorFixtures.path(&monitor, xs([600] + jitter + [700]))
        #expect(events.map(\.kind) == [.lineCrossed(line: "gate", direction: "east")])
    }

    @Test func aTrackCrossesALineAtMostOnce() throws {
        var monitor = try SceneMonitor(zones: [], lines: [gate])
        // Wide swings across the line, back and forth: only the first crossing counts.
        let swings = (0..<20).map { 640.0 + ($0 % 2 == 0 ? -30 : 30) }
        #expect(MonitorFixtures.path(&monitor, xs(swings)).count == 1)
        // Another track still counts.
        let second = monitor.update(MonitorFixtures.step(time: 5, grounds: [2: Point(x: 700, y: 400)]))
            + monitor.update(MonitorFixtures.step(time: 5.1, grounds: [2: Point(x: 580, y: 400)]))
        #expect(second.map(\.kind) == [.lineCrossed(line: "gate", direction: "west")])
        #expect(second.first?.track.id == 2)
    }

    @Test func passingBeyondTheSegmentsEndDoesNotCount() throws {
        var monitor = try SceneMonitor(zones: [], lines: [gate])
        // Below the line's bottom end (y = 700): crosses x = 640 but not the segment.
        #expect(MonitorFixtures.path(&monitor, xs([500, 600, 700, 800], y: 710)).isEmpty)
    }

    @Test func invalidLinesSayWhatToFix() {
        #expect(throws: SceneConfigurationError.degenerateLine(line: "dot")) {
            try CountingLine(id: "dot", start: Point(x: 5, y: 5), end: Point(x: 5.5, y: 5), leftToRight: "in", rightToLeft: "out")
        }
        #expect(throws: SceneConfigurationError.directionNames(line: "same")) {
            try CountingLine(id: "same", start: Point(x: 0, y: 0), end: Point(x: 9, y: 0), leftToRight: "in", rightToLeft: "in")
        }
        #expect(throws: SceneConfigurationError.duplicateID("gate")) {
            try SceneMonitor(zones: [], lines: [gate, gate])
        }
    }
}
