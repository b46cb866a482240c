import Events
import Foundation
import Pipeline
import Testing
import TestSupport
import Tracking

/// Rendered clips of awkward passages (`scripts/render/render-visit-clips`, 640x360): each is one
/// visit, which starts when the truck came.
@Suite("One visit per passage on rendered clips")
struct VisitClipTests {
    @Test("a truck that stands 30 s under the gate, and one that backs up a metre over the gate line, each give one visit",
          .enabled(if: Fixtures.visitClip("stop30") != nil && Fixtures.visitClip("reverse") != nil,
                   "run scripts/render/render-visit-clips (scripts/test does)"),
          arguments: ["stop30", "reverse"])
    func onePassageOneVisit(clip: String) throws {
        let events = try replayClip(Fixtures.visitClip(clip)!, scene: sampleScene(scale: 0.5))
        let visits = events.compactMap(\.transaction)
        #expect(visits.count == 1, "\(clip)")
        let visit = try #require(visits.first)
        #expect(visit.containers.map(\.code) == ["PSGU4182735"], "\(clip)")
        #expect(visit.direction == "in", "\(clip)")
        // The visit starts when the truck came (about 3 s in), not when it drove off again.
        #expect(visit.enteredMediaTimeS < 5, "\(clip): entered at \(visit.enteredMediaTimeS) s")
        // One truck track for the whole passage.
        let trucks = Set(events.filter { $0.type == .objectEntered && $0.track?.label == "truck" }.compactMap(\.track?.id))
        #expect(trucks.count == 1, "\(clip): truck tracks \(trucks.sorted())")
    }
}
