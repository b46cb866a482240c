import Detection
import Pipeline
import PixelCore
import Testing
import Vision

/// A detector that finds one car in every region it is given.
final class OneCarDetector: Detector {
    let inputSize = 416
    func detect(_ image: ImageView, in region: Rect) throws(ModelError) -> [Detection] {
        [Detection(category: .vehicle, label: "car", score: 0.9, box: Rect(x: region.x + 1, y: region.y + 1, width: 40, height: 30))]
    }
}

@Suite("Detector runs recorded for /status")
struct RunRecorderTests {
    @Test("every region is one run, from any camera, and the detections pass through untouched")
    func countsRuns() throws {
        let recorder = RunRecorder()
        let cameras = [TimedDetector(OneCarDetector(), recorder: recorder), TimedDetector(OneCarDetector(), recorder: recorder)]
        let frame = PixelBuffer(width: 640, height: 360, channels: 3)
        let regions = [Rect(x: 0, y: 0, width: 200, height: 200), Rect(x: 300, y: 100, width: 200, height: 200)]
        for detector in cameras {
            let found = try detector.detect(frame.view, regions: regions.map { PlannedRegion(rect: $0, reason: .motion) })
            #expect(found.count == 2 && found.allSatisfy { $0.label == "car" })
        }
        let stats = recorder.stats
        #expect(stats.runs == 4)
        #expect(stats.msP50 >= 0 && stats.msP99 >= stats.msP50)
    }
}
