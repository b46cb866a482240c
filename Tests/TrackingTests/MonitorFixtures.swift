import Detection
import PixelCore
import Tracking

/// Hand-made tracker steps for the scene monitor's tests: one confirmed track whose ground point
/// (bottom centre) is where the test says.
enum MonitorFixtures {
    static func step(time: Double, grounds: [Int: Point], removed: [Int] = []) -> TrackerStep {
        TrackerStep(
            time: time,
            tracks: grounds.keys.sorted().map { snapshot($0, ground: grounds[$0]!, state: .confirmed) },
            removed: removed.map { snapshot($0, ground: Point(x: 0, y: 0), state: .removed) }
        )
    }

    static func snapshot(_ id: Int, ground: Point, state: TrackState) -> TrackSnapshot {
        // A 40x40 box whose bottom-centre is `ground` (rounded to whole pixels).
        let x = Int(ground.x.rounded()) - 20, y = Int(ground.y.rounded()) - 40
        return TrackSnapshot(id: id, category: .vehicle, label: "car",
                             box: Rect(x: x, y: y, width: 40, height: 40), score: 0.9, state: state)
    }

    /// Runs a single track (id 1) through the ground points, one step per 0.1 s.
    static func path(_ monitor: inout SceneMonitor, _ points: [Point], startTime: Double = 0) -> [TrackEvent] {
        points.enumerated().flatMap { index, point in
            monitor.update(step(time: startTime + Double(index) / 10, grounds: [1: point]))
        }
    }

    /// The dwell of a zone.left event.
    static func dwell(_ event: TrackEvent) -> Double? {
        if case .zoneLeft(_, let dwell) = event.kind { dwell } else { nil }
    }
}
