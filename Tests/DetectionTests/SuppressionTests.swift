import Detection
import PixelCore
import Testing

@Suite struct SuppressionTests {
    func car(_ x: Int, _ y: Int, _ w: Int, _ h: Int, _ score: Float, _ label: String = "car") -> Detection {
        Detection(category: .vehicle, label: label, score: score, box: Rect(x: x, y: y, width: w, height: h))
    }

    @Test func keepsTheBestOfOverlappingSameLabelBoxes() {
        let kept = Suppression.nonMaximum([car(0, 0, 100, 50, 0.6), car(5, 2, 100, 50, 0.9), car(300, 0, 100, 50, 0.5)], iou: 0.45)
        #expect(kept.map(\.score) == [0.9, 0.5])
    }

    @Test func isClassAware() {
        let kept = Suppression.nonMaximum([car(0, 0, 100, 50, 0.6), car(2, 2, 100, 50, 0.9, "truck")], iou: 0.45)
        #expect(kept.count == 2)
    }

    @Test func mergesDuplicatesFromOverlappingRegions() {
        let a = RegionDetection(detection: car(500, 300, 60, 40, 0.8), region: Rect(x: 300, y: 100, width: 416, height: 416))
        let b = RegionDetection(detection: car(502, 301, 58, 40, 0.7), region: Rect(x: 400, y: 200, width: 416, height: 416))
        let merged = Suppression.acrossRegions([a, b], frameWidth: 1280, frameHeight: 720)
        #expect(merged.count == 1)
        #expect(merged[0].score == 0.8)
    }

    @Test func joinsAnObjectCutByTwoRegions() {
        // A long truck straddles two regions: each sees the part inside it, cut at its edge.
        let left = RegionDetection(detection: car(200, 300, 216, 120, 0.7, "truck"), region: Rect(x: 0, y: 100, width: 416, height: 416))
        let right = RegionDetection(detection: car(330, 305, 200, 115, 0.6, "truck"), region: Rect(x: 330, y: 100, width: 416, height: 416))
        let merged = Suppression.acrossRegions([left, right], frameWidth: 1280, frameHeight: 720)
        #expect(merged.count == 1)
        #expect(merged[0].box == Rect(x: 200, y: 300, width: 330, height: 120))
    }

    @Test("a car and a truck on nearly the same box are one vehicle; on boxes that only overlap, two")
    func mergesTwoLabelsOfOneCategoryOnTheSameBox() {
        let region = Rect(x: 0, y: 400, width: 900, height: 624)
        let asCar = RegionDetection(detection: car(223, 631, 408, 141, 0.62), region: region)
        let asTruck = RegionDetection(detection: car(193, 635, 426, 136, 0.41, "truck"), region: region)
        let merged = Suppression.acrossRegions([asTruck, asCar], frameWidth: 1920, frameHeight: 1080)
        #expect(merged.map(\.label) == ["car"])
        let behind = RegionDetection(detection: car(400, 620, 400, 150, 0.41, "truck"), region: region)
        #expect(Suppression.acrossRegions([behind, asCar], frameWidth: 1920, frameHeight: 1080).count == 2)
    }

    @Test("an object seen whole in an overview and in a square takes the square's box; a cab alone does not shrink the truck")
    func overviewAndSquareOfOneObject() {
        let overview = Rect(x: 0, y: 300, width: 1400, height: 780)
        let coarse = RegionDetection(detection: car(290, 600, 860, 330, 0.7, "truck"), region: overview, overview: true)
        // A square that holds the whole truck: its box is the finer one.
        let whole = RegionDetection(detection: car(300, 610, 840, 300, 0.5, "truck"), region: Rect(x: 200, y: 400, width: 1000, height: 624))
        let merged = Suppression.acrossRegions([coarse, whole], frameWidth: 1920, frameHeight: 1080)
        #expect(merged.count == 1)
        #expect(merged.first?.box == Rect(x: 300, y: 610, width: 840, height: 300))
        // A square that holds only the cab, whole: the overview's box of the truck stays.
        let cab = RegionDetection(detection: car(820, 640, 320, 280, 0.6, "truck"), region: Rect(x: 700, y: 456, width: 624, height: 624))
        let withCab = Suppression.acrossRegions([coarse, cab], frameWidth: 1920, frameHeight: 1080)
        #expect(withCab.map(\.box) == [Rect(x: 290, y: 600, width: 860, height: 330)])
        // The same when the cab scores higher than the truck: the whole box stands, with the cab's score.
        var surer = cab
        surer.detection.score = 0.9
        let cabFirst = Suppression.acrossRegions([surer, coarse], frameWidth: 1920, frameHeight: 1080)
        #expect(cabFirst.map(\.box) == [Rect(x: 290, y: 600, width: 860, height: 330)])
        #expect(cabFirst.map(\.score) == [0.9])
    }

    @Test func keepsNeighboursApart() {
        let a = RegionDetection(detection: car(100, 100, 50, 30, 0.8), region: Rect(x: 0, y: 0, width: 416, height: 416))
        let b = RegionDetection(detection: car(160, 100, 50, 30, 0.8), region: Rect(x: 0, y: 0, width: 416, height: 416))
        #expect(Suppression.acrossRegions([a, b], frameWidth: 1280, frameHeight: 720).count == 2)
    }

    @Test func orderDoesNotDependOnInputOrder() {
        let items = (0..<6).map { RegionDetection(detection: car($0 * 90, 10, 60, 40, Float($0 % 3) / 4 + 0.2),
                                                   region: Rect(x: 0, y: 0, width: 640, height: 416)) }
        let forward = Suppression.acrossRegions(items, frameWidth: 640, frameHeight: 416)
        let backward = Suppression.acrossRegions(items.reversed(), frameWidth: 640, frameHeight: 416)
        #expect(forward == backward)
    }
}
