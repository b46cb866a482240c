import Detection
import PixelCore
import Testing
@testable import Tracking

@Suite struct EndAllTests {
    @Test func endingTheFootageReportsConfirmedTracksAsLeftAndDropsTentativeOnes() {
        var tracker = Tracker(frameWidth: 1280, frameHeight: 720)
        let car = Detection(category: .vehicle, label: "car", score: 0.9, box: Rect(x: 100, y: 300, width: 80, height: 40))
        for frame in 0..<5 {
            var moved = car
            moved.box.x += frame * 4
            _ = tracker.update([moved], at: Double(frame) / 25, motion: nil)
        }
        let stray = Detection(category: .vehicle, label: "car", score: 0.9, box: Rect(x: 900, y: 300, width: 80, height: 40))
        var moved = car
        moved.box.x += 20
        _ = tracker.update([moved, stray], at: 0.2, motion: nil)
        let end = tracker.endAll(at: 0.24)
        #expect(end.events.map(\.kind) == [.left])
        #expect(end.removed.count == 2)
        #expect(end.tracks.isEmpty)
        #expect(tracker.update([], at: 0.28, motion: nil).tracks.isEmpty)
    }
}
