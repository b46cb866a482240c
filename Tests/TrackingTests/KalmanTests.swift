import PixelCore
import Testing
import TestSupport
@testable import Tracking

@Suite struct KalmanTests {
    /// A 120x60 box moving at (150, -40) px/s, measured with ±2 px noise.
    private func truth(at time: Double) -> (x: Double, y: Double) { (100 + 150 * time, 400 - 40 * time) }

    private func measured(at time: Double, _ random: inout SeededRandom) -> Rect {
        let p = truth(at: time)
        return Rect(x: Int(p.x.rounded()) + Int.random(in: -2...2, using: &random),
                    y: Int(p.y.rounded()) + Int.random(in: -2...2, using: &random), width: 120, height: 60)
    }

    @Test func convergesOnConstantVelocityAtRegularSteps() {
        var random = SeededRandom(seed: 1)
        var filter = BoxFilter(box: measured(at: 0, &random))
        #expect(filter.velocity.magnitude == 0)
        for frame in 1...75 {
            filter.predict(dt: 0.04)
            filter.update(box: measured(at: Double(frame) * 0.04, &random))
        }
        #expect(abs(filter.velocity.x - 150) < 15)
        #expect(abs(filter.velocity.y + 40) < 15)
        let centre = filter.box.centre, expected = truth(at: 3.0)
        #expect(abs(centre.x - (expected.x + 60)) < 4)
        #expect(abs(centre.y - (expected.y + 30)) < 4)
        #expect(filter.box.width == 120 && filter.box.height == 60)
    }

    @Test func convergesWithIrregularStepsAndPredictsAhead() {
        var random = SeededRandom(seed: 2)
        var filter = BoxFilter(box: measured(at: 0, &random))
        var time = 0.0
        for _ in 0..<60 {
            let dt = Double.random(in: 0.02...0.2, using: &random)
            time += dt
            filter.predict(dt: dt)
            filter.update(box: measured(at: time, &random))
        }
        #expect(abs(filter.velocity.x - 150) < 15)
        // Half a second without measurements: the prediction follows the motion.
        filter.predict(dt: 0.5)
        let expected = truth(at: time + 0.5)
        #expect(abs(filter.box.centre.x - (expected.x + 60)) < 10)
        #expect(abs(filter.box.centre.y - (expected.y + 30)) < 10)
    }

    @Test func followsAGrowingBoxAtTheFrameEdge() {
        // A truck entering from the left edge: clipped box, width growing 12 px per frame.
        var filter = BoxFilter(box: Rect(x: 0, y: 420, width: 12, height: 275))
        for frame in 2...50 {
            filter.predict(dt: 0.04)
            // After one measurement there is no velocity yet; from then on the growth is followed.
            let overlap = filter.box.iou(Rect(x: 0, y: 420, width: 12 * frame, height: 275))
            #expect(overlap >= (frame < 10 ? 0.5 : 0.9), "frame \(frame)")
            filter.update(box: Rect(x: 0, y: 420, width: 12 * frame, height: 275))
        }
    }

    @Test("a lost track's height and width stay within 1.5 times their last measurement either way, however its boxes jumped")
    func predictedSizeStaysNearTheLastMeasurement() {
        // A cab, the whole truck, the cab again, the whole truck: the size velocity learns the jumps.
        var filter = BoxFilter(box: Rect(x: 0, y: 540, width: 800, height: 500))
        for (step, box) in [Rect(x: 680, y: 640, width: 490, height: 380), Rect(x: 20, y: 520, width: 1270, height: 480),
                            Rect(x: 600, y: 640, width: 480, height: 370), Rect(x: 60, y: 500, width: 1400, height: 520)].enumerated() {
            filter.predict(dt: step == 0 ? 0.4 : 0.1)
            filter.update(box: box)
        }
        let moving = filter.velocity, start = filter.box.centre
        for _ in 0..<75 { filter.predict(dt: 0.04) }
        #expect(filter.box.height >= 346 && filter.box.height <= 780, "\(filter.box)")
        #expect(filter.box.width >= 933 && filter.box.width <= 2100, "\(filter.box)")
        // The centre still follows the estimated motion: 3 s at the estimated velocity.
        #expect(abs(filter.box.centre.x - (start.x + 3 * moving.x)) <= 1, "\(filter.box)")
        #expect(abs(filter.box.centre.y - (start.y + 3 * moving.y)) <= 1, "\(filter.box)")
    }

    @Test func axisPredictionAddsVelocityTimesTime() {
        var axis = AxisFilter(position: 10, positionSD: 1, velocitySD: 1)
        axis.velocity = 20
        axis.predict(dt: 0.5, positionNoise: 0, velocityNoise: 0)
        #expect(axis.position == 20)
        #expect(axis.pp == 1.25 && axis.pv == 0.5 && axis.vv == 1)
    }

    @Test func holdingStillStopsDrift() {
        var filter = BoxFilter(box: Rect(x: 100, y: 100, width: 50, height: 50))
        filter.update(box: Rect(x: 100, y: 100, width: 50, height: 50))
        filter.predict(dt: 0.04)
        filter.update(box: Rect(x: 104, y: 100, width: 50, height: 50))
        let before = filter.box
        for _ in 0..<100 { filter.predict(dt: 0.04, holdStill: true) }
        #expect(filter.box == before)
    }
}
