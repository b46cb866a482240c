import Detection
import PixelCore
import Tracking

/// Helpers to build detections and run a tracker over a sequence of frames.
enum Scenario {
    static let frameInterval = 0.04

    static func detection(_ category: ObjectCategory = .vehicle, _ x: Int, _ y: Int, _ w: Int, _ h: Int,
                          score: Float = 0.9, label: String? = nil) -> Detection {
        Detection(category: category, label: label ?? category.rawValue, score: score,
                  box: Rect(x: x, y: y, width: w, height: h))
    }

    /// A 1280x720 tracker with the given settings.
    static func tracker(_ settings: TrackerSettings = TrackerSettings()) -> Tracker {
        Tracker(settings: settings, frameWidth: 1280, frameHeight: 720)
    }

    /// Runs `frames` frames at 25 fps; `detections(frame)` gives each frame's input, `motion` its motion.
    static func run(_ tracker: inout Tracker, frames: Range<Int>, motion: (Int) -> [Rect]? = { _ in [] },
                    detections: (Int) -> [Detection]) -> [TrackerStep] {
        frames.map { frame in
            tracker.update(detections(frame), at: Double(frame) * frameInterval, motion: motion(frame))
        }
    }

    /// All events of the steps, in order.
    static func events(_ steps: [TrackerStep]) -> [TrackEvent] { steps.flatMap(\.events) }

    /// The ids of confirmed tracks seen in the steps, sorted.
    static func confirmedIDs(_ steps: [TrackerStep]) -> [Int] {
        Array(Set(steps.flatMap { $0.confirmed.map(\.id) })).sorted()
    }
}
