import Detection
import PixelCore
import Testing

@Suite struct OverlapTests {
    @Test func iouOfShiftedBoxes() {
        let a = Rect(x: 0, y: 0, width: 10, height: 10)
        let b = Rect(x: 5, y: 0, width: 10, height: 10)
        #expect(a.intersection(b) == Rect(x: 5, y: 0, width: 5, height: 10))
        #expect(abs(a.iou(b) - 50.0 / 150.0) < 1e-12)
        #expect(a.iou(Rect(x: 10, y: 0, width: 5, height: 5)) == 0)
        #expect(a.fractionInside(b) == 0.5)
    }
}
