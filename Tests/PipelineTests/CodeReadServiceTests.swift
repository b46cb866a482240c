import ContainerCode
import Detection
import Events
import Foundation
import FrameSources
import Logging
import Pipeline
import PixelCore
import Synchronization
import Testing
import Tracking
import Vision

/// A code reader that waits at a gate before each read, and notes the width of each image it reads
/// (the tests tell cameras apart by it).
final class GatedCodeReader: CodeReading, @unchecked Sendable {
    let gate = DispatchSemaphore(value: 0)
    let widths = Mutex<[Int]>([])
    let code: String
    init(_ code: String) { self.code = code }

    func read(_ image: ImageView, region: Rect?) throws -> [ContainerCodeRead] {
        gate.wait()
        widths.withLock { $0.append(image.width) }
        return [ContainerCodeRead(code: try ContainerCodeValue(parsing: code), sizeType: "22G1", confidence: 0.9,
                                  needsReview: false, checkDigitInferred: false, reasons: [],
                                  box: Rect(x: 0, y: 0, width: image.width, height: image.height))]
    }

    func open(_ count: Int = 1000) { for _ in 0..<count { gate.signal() } }
}

/// Waits (at most 10 s) until `condition` holds.
func eventually(_ condition: () -> Bool) -> Bool {
    for _ in 0..<1000 where !condition() { Thread.sleep(forTimeInterval: 0.01) }
    return condition()
}

@Suite("Code reading service: reads off the camera's thread")
struct CodeReadServiceTests {
    /// A service over a gated reader, with at most `perCamera` reads waiting per camera.
    static func service(perCamera: Int) -> (GatedCodeReader, CodeReadService) {
        let reader = GatedCodeReader("PSGU4182735")
        var limits = CodeReadService.Limits()
        limits.perCamera = perCamera
        return (reader, CodeReadService(reader: reader, limits: limits, logger: Logger(label: "test")))
    }

    @Test("cameras take turns: a busy camera does not starve a quiet one")
    func fairness() throws {
        let reader = GatedCodeReader("PSGU4182735")
        let service = CodeReadService(reader: reader, logger: Logger(label: "test"))
        defer { service.stop() }
        let busy = service.client(camera: "busy"), quiet = service.client(camera: "quiet")
        let wide = PixelBuffer(width: 40, height: 8, channels: 3), narrow = PixelBuffer(width: 20, height: 8, channels: 3)
        busy.submit(track: 1, mediaTime: 0, image: wide.view, region: Rect(x: 0, y: 0, width: 40, height: 8))
        // The service's thread has taken the first job and waits at the gate; the rest queue up.
        #expect(eventually { service.stats.queued == 0 })
        for track in 2...4 { busy.submit(track: track, mediaTime: 0, image: wide.view, region: Rect(x: 0, y: 0, width: 40, height: 8)) }
        quiet.submit(track: 1, mediaTime: 0, image: narrow.view, region: Rect(x: 0, y: 0, width: 20, height: 8))
        reader.open()
        #expect(eventually { busy.idle && quiet.idle })
        #expect(reader.widths.withLock { $0 } == [40, 20, 40, 40, 40])
        #expect(busy.collect().map(\.track) == [1, 2, 3, 4])
        #expect(quiet.collect().map(\.track) == [1])
        #expect(service.stats.runs == 5 && service.stats.dropped == 0)
    }

    @Test("a camera with too many reads waiting drops its oldest, and counts it")
    func dropsOldest() throws {
        let (reader, service) = Self.service(perCamera: 2)
        defer { service.stop() }
        let camera = service.client(camera: "gate3")
        let image = PixelBuffer(width: 16, height: 16, channels: 3)
        camera.submit(track: 0, mediaTime: 0, image: image.view, region: Rect(x: 0, y: 0, width: 16, height: 16))
        #expect(eventually { service.stats.queued == 0 })  // job 0 is being read
        for track in 1...5 { camera.submit(track: track, mediaTime: 0, image: image.view, region: Rect(x: 0, y: 0, width: 16, height: 16)) }
        #expect(service.stats.dropped == 3)
        reader.open()
        #expect(eventually { camera.idle })
        let results = camera.collect()
        #expect(results.filter { $0.failure?.hasPrefix("dropped") == true }.map(\.track) == [1, 2, 3])
        #expect(results.filter { !$0.reads.isEmpty }.map(\.track) == [0, 4, 5])
    }

    @Test("a recorded file's camera (not live) waits for room instead of dropping a read")
    func notLiveWaitsForRoom() throws {
        let (reader, service) = Self.service(perCamera: 2)
        defer { service.stop() }
        let camera = service.client(camera: "replay", live: false)
        let image = PixelBuffer(width: 16, height: 16, channels: 3)
        let submitted = Atomic<Int>(0)
        let feeder = Thread {
            for track in 0...5 {
                camera.submit(track: track, mediaTime: 0, image: image.view, region: Rect(x: 0, y: 0, width: 16, height: 16))
                submitted.add(1, ordering: .sequentiallyConsistent)
            }
        }
        feeder.start()
        // With the reader stuck, the camera is held once two reads are out.
        #expect(eventually { submitted.load(ordering: .sequentiallyConsistent) == 2 })
        Thread.sleep(forTimeInterval: 0.2)
        #expect(submitted.load(ordering: .sequentiallyConsistent) == 2)
        reader.open()
        #expect(eventually { submitted.load(ordering: .sequentiallyConsistent) == 6 && camera.idle })
        #expect(service.stats.dropped == 0)
        #expect(camera.collect().filter { !$0.reads.isEmpty }.map(\.track) == [0, 1, 2, 3, 4, 5])
    }

    @Test("the camera goes on while its reads are out; the reads join the track when they come back")
    func cameraDoesNotWait() throws {
        let reader = GatedCodeReader("PSGU4182735")
        let service = CodeReadService(reader: reader, logger: Logger(label: "test"))
        defer { service.stop() }
        let analyzer = try CameraAnalyzer(settings: gateScene(), width: 1280, height: 720, origin: Date(timeIntervalSince1970: 0),
                                          codes: .background(service.client(camera: "gate3")), logger: Logger(label: "test"))
        // The truck with its container crosses the gate and leaves while no read has come back: every
        // frame is processed all the same (a camera that waited would hang here, the gate being shut).
        var events = driveTruckPass(analyzer, buffer: PixelBuffer(width: 1280, height: 720, channels: 3))
        #expect(events.filter { $0.type == .lineCrossed }.count == 2)
        #expect(!events.contains { $0.type == .containerIdentified || $0.type == .gateTransaction })
        #expect(service.stats.dropped > 0, "reads beyond the camera's limit were dropped while the reader was stuck")
        // The reads come back: the track that left is finished with them.
        reader.open()
        events += analyzer.finish(at: 6)
        let identified = events.filter { $0.type == .containerIdentified }
        #expect(identified.count == 1)
        #expect(identified.first?.container?.code == "PSGU4182735")
        let transactions = events.filter { $0.type == .gateTransaction }
        #expect(transactions.count == 1)
        #expect(transactions.first?.transaction?.containers.map(\.code) == ["PSGU4182735"])
    }
}
