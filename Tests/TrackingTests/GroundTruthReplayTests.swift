import Detection
import PixelCore
import Testing
import Tracking

@Suite struct GroundTruthReplayTests {
    /// Which ground-truth object each confirmed track follows, found by best same-category IoU per frame.
    private func assignments(_ truth: GroundTruth, _ frames: [SampleReplay.Frame]) -> (tracksOf: [String: Set<Int>], objectsOf: [Int: Set<String>]) {
        var tracksOf: [String: Set<Int>] = [:], objectsOf: [Int: Set<String>] = [:]
        for (truthFrame, frame) in zip(truth.frames, frames) {
            // Only tracks matched in this frame: a lost track's box is a prediction.
            for track in frame.step.confirmed where track.lastSeen == frame.step.time {
                let best = truthFrame.boxes
                    .filter { GroundTruth.category($0.category).0 == track.category }
                    .max { $0.box.iou(track.box) < $1.box.iou(track.box) }
                guard let best, best.box.iou(track.box) >= 0.3 else {
                    objectsOf[track.id, default: []].insert("none")
                    continue
                }
                tracksOf[best.id, default: []].insert(track.id)
                objectsOf[track.id, default: []].insert(best.id)
            }
        }
        return (tracksOf, objectsOf)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func everyObjectHasOneTrackForItsLife(seed: UInt64) throws {
        let truth = try GroundTruth.load()
        let frames = try SampleReplay.run(truth, seed: seed)
        let (tracksOf, objectsOf) = assignments(truth, frames)

        // One track per object, one object per track, and no track on clutter.
        for object in truth.objects {
            #expect(tracksOf[object.id]?.count == 1, "\(object.id): tracks \(tracksOf[object.id] ?? [])")
        }
        for (id, objects) in objectsOf.sorted(by: { $0.key < $1.key }) {
            #expect(objects.count == 1 && !objects.contains("none"), "track \(id) follows \(objects)")
        }

        // One object.entered and one object.left per object.
        let events = frames.flatMap(\.step.events)
        let entered = events.filter { $0.kind == .entered }.map(\.track.id)
        #expect(entered.count == truth.objects.count)
        #expect(Set(entered) == Set(tracksOf.values.flatMap { $0 }))
        #expect(events.filter { $0.kind == .left }.count == truth.objects.count)
        #expect(events.filter { $0.kind == .stationary }.isEmpty)

        // The gate line: once per vehicle and container, in its direction; the person never reaches it.
        let crossings = frames.flatMap(\.sceneEvents).compactMap { event -> String? in
            guard case .lineCrossed(_, let direction) = event.kind,
                  let object = objectsOf[event.track.id]?.first else { return nil }
            return "\(object) \(direction)"
        }
        #expect(crossings.sorted() == ["car-1 west", "container-1 east", "truck-1 east"])

        // The lane zone: entered and left once by each of them, dwelling about 360 px / speed.
        let scene = frames.flatMap(\.sceneEvents)
        #expect(scene.filter { $0.kind == .zoneEntered(zone: "lane") }.count == 3)
        #expect(scene.filter { $0.kind.name == "zone.left" }.count == 3)
        for event in scene {
            guard case .zoneLeft(_, let dwell) = event.kind, let object = objectsOf[event.track.id]?.first else { continue }
            let expected = object == "car-1" ? 360.0 / 360 : 360.0 / 300
            #expect(abs(dwell - expected) < 0.25, "\(object) dwell \(dwell)")
        }
    }
}
