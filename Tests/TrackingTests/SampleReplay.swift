import Detection
import PixelCore
import TestSupport
import Tracking

/// Feeds the sample's ground truth to a tracker and a scene monitor the way a noisy detector would.
struct SampleReplay {
    /// One processed frame: the tracker's step, the monitor's events, and the ground truth.
    struct Frame: Equatable {
        var step: TrackerStep
        var sceneEvents: [TrackEvent]
        var truthTime: Double
    }

    static let gateLine = try! CountingLine(id: "gate", start: Point(x: 640, y: 719), end: Point(x: 640, y: 0),
                                            leftToRight: "east", rightToLeft: "west")
    /// A stretch of the lane where every vehicle is fully in the frame and the car is not hidden.
    static let lane = try! Zone(id: "lane", points: [Point(x: 340, y: 380), Point(x: 700, y: 380),
                                                     Point(x: 700, y: 719), Point(x: 340, y: 719)])

    /// Simulated detections: boxes less than 30% visible are not found, 15% of the rest are dropped,
    /// every box gets ±3 px of noise, 6% get a low score, and 2% of frames add a spurious box.
    static func detections(_ frame: GroundTruth.Frame, _ random: inout SeededRandom) -> [Detection] {
        var found: [Detection] = []
        for truth in frame.boxes where truth.visibleFraction >= 0.3 {
            guard Double.random(in: 0..<1, using: &random) >= 0.15 else { continue }
            let (category, label) = GroundTruth.category(truth.category)
            let low = Double.random(in: 0..<1, using: &random) < 0.06
            let score = Float(low ? Double.random(in: 0.15...0.35, using: &random) : Double.random(in: 0.65...0.95, using: &random))
            func jitter() -> Int { Int.random(in: -3...3, using: &random) }
            let box = Rect(x: truth.box.x + jitter(), y: truth.box.y + jitter(),
                           width: max(2, truth.box.width + jitter()), height: max(2, truth.box.height + jitter()))
            found.append(Detection(category: category, label: label, score: score, box: box))
        }
        if Double.random(in: 0..<1, using: &random) < 0.02 {
            let category = ObjectCategory.allCases[Int.random(in: 0..<3, using: &random)]
            let box = Rect(x: Int.random(in: 0..<1100, using: &random), y: Int.random(in: 0..<600, using: &random),
                           width: Int.random(in: 30...150, using: &random), height: Int.random(in: 30...100, using: &random))
            found.append(Detection(category: category, label: "spurious", score: 0.8, box: box))
        }
        return found
    }

    /// Motion as the pixel core would see it: where the objects are, and the whole frame on the lighting step.
    static func motion(_ frame: GroundTruth.Frame, width: Int, height: Int) -> [Rect] {
        frame.frame == 180 ? [Rect(x: 0, y: 0, width: width, height: height)] : frame.boxes.map(\.box)
    }

    static func run(_ truth: GroundTruth, seed: UInt64) throws -> [Frame] {
        var random = SeededRandom(seed: seed)
        var tracker = Tracker(frameWidth: truth.width, frameHeight: truth.height)
        var monitor = try SceneMonitor(zones: [lane], lines: [gateLine])
        return truth.frames.map { frame in
            let step = tracker.update(detections(frame, &random), at: frame.mediaTimeS,
                                      motion: motion(frame, width: truth.width, height: truth.height))
            return Frame(step: step, sceneEvents: monitor.update(step), truthTime: frame.mediaTimeS)
        }
    }
}
