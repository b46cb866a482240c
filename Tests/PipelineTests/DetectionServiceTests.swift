import Detection
import Foundation
import Logging
import Pipeline
import PixelCore
import Synchronization
import Testing
import Vision

/// A detector that waits at a gate before each region, notes the width of each image it runs on
/// (the tests tell cameras apart by it) and finds one car per region; it fails on images 13 px wide.
final class GatedDetector: Detector, @unchecked Sendable {
    let inputSize = 416
    let gate = DispatchSemaphore(value: 0)
    let widths = Mutex<[Int]>([])

    func detect(_ image: ImageView, in region: Rect) throws(ModelError) -> [Detection] {
        gate.wait()
        widths.withLock { $0.append(image.width) }
        if image.width == 13 { throw ModelError.runFailed(path: "gated.onnx", reason: "the output was cut short") }
        return [Detection(category: .vehicle, label: "car", score: 0.9, box: Rect(x: region.x, y: region.y, width: 8, height: 8))]
    }

    func open(_ count: Int = 1000) { for _ in 0..<count { gate.signal() } }
}

private func whole(_ buffer: PixelBuffer) -> [PlannedRegion] {
    [PlannedRegion(rect: Rect(x: 0, y: 0, width: buffer.width, height: buffer.height), reason: .motion)]
}

@Suite("Detection service: one detector shared by the cameras")
struct DetectionServiceTests {
    @Test("cameras take turns: a busy camera does not starve a quiet one")
    func fairness() throws {
        let detector = GatedDetector()
        let service = DetectionService(detector: detector, logger: Logger(label: "test"))
        defer { service.stop() }
        let busy = service.client(camera: "busy"), quiet = service.client(camera: "quiet")
        let wide = PixelBuffer(width: 40, height: 8, channels: 3), narrow = PixelBuffer(width: 20, height: 8, channels: 3)
        var tickets = [busy.submit(image: wide, regions: whole(wide), live: false)]
        // The service's thread has taken the first job and waits at the gate; the rest queue up.
        #expect(eventually { service.stats.queued == 0 })
        for _ in 2...4 { tickets.append(busy.submit(image: wide, regions: whole(wide), live: false)) }
        let quietTicket = quiet.submit(image: narrow, regions: whole(narrow), live: false)
        #expect(service.isBehind)
        detector.open()
        let results = tickets.map { busy.wait($0) }
        #expect(quiet.wait(quietTicket).detections.count == 1)
        #expect(detector.widths.withLock { $0 } == [40, 20, 40, 40, 40])
        #expect(results.map(\.ticket) == tickets && results.allSatisfy { $0.detections.count == 1 && $0.failure == nil })
        #expect(service.stats.jobs == 5 && service.stats.runs == 5 && service.stats.dropped == 0)
        #expect(!service.isBehind)
    }

    @Test("a camera with too many frames waiting drops its oldest, and counts it")
    func dropsOldest() throws {
        let detector = GatedDetector()
        var limits = DetectionService.Limits()
        limits.perCamera = 2
        let service = DetectionService(detector: detector, limits: limits, logger: Logger(label: "test"))
        defer { service.stop() }
        let camera = service.client(camera: "gate3")
        let image = PixelBuffer(width: 16, height: 16, channels: 3)
        let first = camera.submit(image: image, regions: whole(image), live: false)
        #expect(eventually { service.stats.queued == 0 })  // the first is being run
        let rest = (1...5).map { _ in camera.submit(image: image, regions: whole(image), live: false) }
        #expect(service.stats.dropped == 3)
        detector.open()
        let results = ([first] + rest).map { camera.wait($0) }
        #expect(results.map(\.dropped) == [false, true, true, true, false, false])
        #expect(results.filter(\.dropped).allSatisfy { $0.detections.isEmpty && $0.failure?.hasPrefix("dropped") == true })
        #expect(service.stats.jobs == 3)
    }

    @Test("a live camera's frame that waited too long is dropped; a recorded file's is run")
    func dropsStaleLiveFrames() throws {
        let detector = GatedDetector()
        var limits = DetectionService.Limits()
        limits.maxWait = .milliseconds(50)
        let service = DetectionService(detector: detector, limits: limits, logger: Logger(label: "test"))
        defer { service.stop() }
        let camera = service.client(camera: "gate3")
        let image = PixelBuffer(width: 16, height: 16, channels: 3)
        let first = camera.submit(image: image, regions: whole(image), live: true)
        #expect(eventually { service.stats.queued == 0 })
        let live = camera.submit(image: image, regions: whole(image), live: true)
        let file = camera.submit(image: image, regions: whole(image), live: false)
        Thread.sleep(forTimeInterval: 0.2)
        detector.open()
        #expect(!camera.wait(first).dropped)
        #expect(camera.wait(live).dropped)
        #expect(camera.wait(file).detections.count == 1)
        #expect(service.stats.dropped == 1)
    }

    @Test("a failed run comes back with the error, and the service goes on")
    func failure() throws {
        let detector = GatedDetector()
        detector.open()
        let service = DetectionService(detector: detector, logger: Logger(label: "test"))
        defer { service.stop() }
        let camera = service.client(camera: "gate3")
        let bad = PixelBuffer(width: 13, height: 16, channels: 3), good = PixelBuffer(width: 16, height: 16, channels: 3)
        let failed = camera.wait(camera.submit(image: bad, regions: whole(bad), live: false))
        #expect(failed.failure?.contains("cut short") == true && !failed.dropped && failed.detections.isEmpty)
        #expect(camera.wait(camera.submit(image: good, regions: whole(good), live: false)).detections.count == 1)
        #expect(service.stats.failures == 1 && service.stats.jobs == 2)
    }

    @Test("stopping hands back the frames still waiting, and later ones, as failed: no camera waits for ever")
    func stopping() throws {
        let detector = GatedDetector()
        let service = DetectionService(detector: detector, logger: Logger(label: "test"))
        let camera = service.client(camera: "gate3")
        let image = PixelBuffer(width: 16, height: 16, channels: 3)
        let running = camera.submit(image: image, regions: whole(image), live: false)
        #expect(eventually { service.stats.queued == 0 })
        let waiting = camera.submit(image: image, regions: whole(image), live: false)
        service.stop()
        #expect(camera.wait(waiting).failure == "the detector stopped")
        #expect(camera.wait(camera.submit(image: image, regions: whole(image), live: false)).failure == "the detector stopped")
        detector.open()
        #expect(camera.wait(running).detections.count == 1)
    }

    @Test("the service finds what the detector finds on the camera's own thread")
    func sameAsInline() throws {
        let service = DetectionService(detector: OneCarDetector(), logger: Logger(label: "test"))
        defer { service.stop() }
        let image = PixelBuffer(width: 640, height: 360, channels: 3)
        image.fill(90)
        let regions = [Rect(x: 0, y: 0, width: 200, height: 200), Rect(x: 300, y: 100, width: 200, height: 200)]
            .map { PlannedRegion(rect: $0, reason: .motion) }
        let inline = try OneCarDetector().detectWithCargo(image.view, regions: regions)
        let camera = service.client(camera: "gate3")
        let result = camera.wait(camera.submit(image: image, regions: regions, live: false))
        #expect(!inline.isEmpty && result.detections == inline)
        #expect(service.stats.runs == 2 && service.stats.jobs == 1)
    }
}
