import Detection
import PixelCore
import Testing
import Tracking

/// The tracker fed as the daemon feeds it: a detector that looks a few times a second.
@Suite struct GatedDetectionTests {
    private struct Look {
        var time: Double
        var detections: [Detection]
    }

    private static func truck(_ x: Int, _ y: Int, _ w: Int, _ h: Int, _ score: Float) -> Detection {
        Detection(category: .vehicle, label: "truck", score: score, box: Rect(x: x, y: y, width: w, height: h))
    }

    /// A truck entering a 1920x1080 frame from the left, as the detector saw the 1080p sample at
    /// 10 frames/s: two sure looks while the frame's edge cuts its box, then a look that finds
    /// only part of it, two that miss it, three that score it low, and two that miss it.
    private static let looks = [
        Look(time: 3.9, detections: [truck(0, 603, 790, 442, 0.57)]),
        Look(time: 4.4, detections: [truck(0, 502, 1130, 518, 0.67)]),
        Look(time: 4.6, detections: [truck(687, 639, 481, 383, 0.29)]),
        Look(time: 4.9, detections: []),
        Look(time: 5.4, detections: []),
        Look(time: 5.9, detections: [truck(573, 549, 1150, 506, 0.26)]),
        Look(time: 6.4, detections: [truck(790, 582, 1130, 471, 0.26)]),
        Look(time: 6.9, detections: [truck(1055, 576, 865, 476, 0.36)]),
        Look(time: 7.4, detections: []),
        Look(time: 7.9, detections: []),
    ]

    @Test("low scores keep a lost truck's track, which follows the truck across the frame")
    func lowScoresKeepALostTrack() throws {
        var tracker = Tracker(settings: .gatedDetection, frameWidth: 1920, frameHeight: 1080)
        let steps = Self.looks.map { tracker.update($0.detections, at: $0.time, motion: nil) }
        #expect(Set(steps.flatMap { $0.tracks.map(\.id) }) == [1])
        #expect(steps.allSatisfy { $0.removed.isEmpty })
        let followed = try #require(steps[7].tracks.first)
        #expect(followed.box.x + followed.box.width >= 1800, "the track stayed at \(followed.box)")
    }

    @Test("a lost track is not taken by a low score elsewhere")
    func lowScoreElsewhereTakesNothing() {
        var tracker = Tracker(settings: .gatedDetection, frameWidth: 1920, frameHeight: 1080)
        for look in Self.looks.prefix(4) { _ = tracker.update(look.detections, at: look.time, motion: nil) }
        let step = tracker.update([Self.truck(1500, 100, 300, 200, 0.3)], at: 5.4, motion: nil)
        #expect(step.tracks.map(\.state) == [.lost])
        #expect(step.tracks.map(\.id) == [1])
    }

    @Test("with ByteTrack's settings the same low scores do not find the lost track again")
    func byteTrackSettingsKeepTheirStages() {
        #expect(!TrackerSettings().vehicle.lowScoreForLost)
        #expect(TrackerSettings.gatedDetection.vehicle.lowScoreForLost && TrackerSettings.gatedDetection.container.lowScoreForLost)
        var settings = TrackerSettings.gatedDetection
        settings.vehicle.lowScoreForLost = false
        var tracker = Tracker(settings: settings, frameWidth: 1920, frameHeight: 1080)
        let steps = Self.looks.map { tracker.update($0.detections, at: $0.time, motion: nil) }
        #expect(steps[7].tracks.map(\.state) == [.lost], "the low scores at 5.9 to 6.9 s leave it lost")
    }
}
