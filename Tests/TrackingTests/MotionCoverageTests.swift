import PixelCore
import Testing
import TestSupport
@testable import Tracking

@Suite struct MotionCoverageTests {
    @Test func coveredAreaMatchesPixelCounting() {
        var random = SeededRandom(seed: 5)
        for _ in 0..<100 {
            let bounds = Rect(x: Int.random(in: 0...10, using: &random), y: Int.random(in: 0...10, using: &random),
                              width: Int.random(in: 1...30, using: &random), height: Int.random(in: 1...30, using: &random))
            let rects = (0..<Int.random(in: 0...6, using: &random)).map { _ in
                Rect(x: Int.random(in: -5...35, using: &random), y: Int.random(in: -5...35, using: &random),
                     width: Int.random(in: 0...15, using: &random), height: Int.random(in: 0...15, using: &random))
            }
            var counted = 0
            for y in bounds.y..<bounds.maxY {
                for x in bounds.x..<bounds.maxX where rects.contains(where: { x >= $0.x && x < $0.maxX && y >= $0.y && y < $0.maxY }) {
                    counted += 1
                }
            }
            #expect(RegionCoverage.coveredArea(of: rects, within: bounds) == counted)
        }
    }

    @Test func frameWideMotionIsUnknown() {
        let frame = Rect(x: 0, y: 0, width: 100, height: 100)
        let box = Rect(x: 10, y: 10, width: 20, height: 20)
        let local = MotionEvidence(regions: [Rect(x: 0, y: 0, width: 40, height: 40)], frame: frame, unknownCoverage: 0.5)
        #expect(local.changed(box, moreThan: 0.2))
        // Two halves that together cover the frame: a lighting step, not evidence about the box.
        let halves = [Rect(x: 0, y: 0, width: 100, height: 50), Rect(x: 0, y: 50, width: 100, height: 50)]
        #expect(!MotionEvidence(regions: halves, frame: frame, unknownCoverage: 0.5).changed(box, moreThan: 0.2))
        #expect(!MotionEvidence(regions: nil, frame: frame, unknownCoverage: 0.5).changed(box, moreThan: 0.2))
        // A sliver over the box's edge is "a small fraction".
        let sliver = MotionEvidence(regions: [Rect(x: 10, y: 10, width: 3, height: 20)], frame: frame, unknownCoverage: 0.5)
        #expect(!sliver.changed(box, moreThan: 0.2))
    }
}
