import ContainerCode
import Detection
import Events
import Foundation
import FrameSources
import Logging
import Pipeline
import PixelCore
import Testing
import Tracking
import Vision

/// A code reader that "reads" a fixed code wherever it is asked to look, counting its calls.
final class FixedCodeReader: CodeReading {
    let code: String
    var calls = 0
    init(_ code: String) { self.code = code }
    func read(_ image: ImageView, region: Rect?) throws -> [ContainerCodeRead] {
        calls += 1
        return [ContainerCodeRead(code: try ContainerCodeValue(parsing: code), sizeType: "22G1", confidence: 0.9,
                                  needsReview: false, checkDigitInferred: false, reasons: [], box: region ?? Rect(x: 0, y: 0, width: 1, height: 1))]
    }
}

/// A code reader that reads `code` on its first call and nothing after.
final class OnceCodeReader: CodeReading {
    private let reader: FixedCodeReader
    private var done = false
    init(_ code: String) { reader = FixedCodeReader(code) }
    func read(_ image: ImageView, region: Rect?) throws -> [ContainerCodeRead] {
        defer { done = true }
        return done ? [] : try reader.read(image, region: region)
    }
}

/// Camera gate3 with a gate line across the lane, codes read twice a second.
func gateScene() throws -> SceneSettings {
    var scene = SceneSettings(camera: "gate3")
    scene.lines = [try CountingLine(id: "gate", start: Point(x: 640, y: 719), end: Point(x: 640, y: 380),
                                    leftToRight: "in", rightToLeft: "out")]
    scene.gates = ["gate"]
    scene.readInterval = 0.5
    return scene
}

/// A truck carrying a container drives left to right across the gate line at 300 px/s, detected at
/// 5 frames/s for 6 s from `start`, and leaves the frame; the events of those frames (the footage
/// has not ended).
func driveTruckPass(_ analyzer: CameraAnalyzer, buffer: PixelBuffer, start: Double = 0) -> [NewEvent] {
    var events: [NewEvent] = []
    var time = 0.0
    while time < 6 {
        events += truckFrame(analyzer, buffer: buffer, at: start + time, x: Int(-100 + 300 * time))
        time += 0.2
    }
    return events
}

/// One detector frame of a truck (with its container riding on it) whose box starts at `x`.
func truckFrame(_ analyzer: CameraAnalyzer, buffer: PixelBuffer, at time: Double, x: Int) -> [NewEvent] {
    var detections: [Detection] = []
    if x < 1280 {
        let truck = Rect(x: max(0, x), y: 420, width: min(600, 1280 - max(0, x)), height: 270)
        detections = [Detection(category: .vehicle, label: "truck", score: 0.9, box: truck),
                      Detection(category: .container, label: "container", score: 0.9,
                                box: Rect(x: truck.x, y: 420, width: truck.width, height: 175), source: .truckCargo)]
    }
    let frame = Frame(info: FrameInfo(index: Int(time * 25), mediaTime: time, captureTime: Date(), frameWidth: 1280, frameHeight: 720),
                      buffer: buffer)
    return analyzer.process(frame, detections: detections, motion: detections.map(\.box))
}

@Suite("Camera analyzer: tracks to events")
struct CameraAnalyzerTests {
    let buffer = PixelBuffer(width: 1280, height: 720, channels: 3)

    func scene() throws -> SceneSettings { try gateScene() }

    func drive(_ analyzer: CameraAnalyzer) -> [NewEvent] {
        driveTruckPass(analyzer, buffer: buffer) + analyzer.finish(at: 6)
    }

    @Test("a truck with a container crossing the gate: entered, crossed in, identified once, one gate transaction")
    func truckPass() throws {
        let reader = FixedCodeReader("PSGU4182735")
        let analyzer = try CameraAnalyzer(settings: scene(), width: 1280, height: 720, origin: Date(timeIntervalSince1970: 0),
                                          codes: .inline(reader), logger: Logger(label: "test"))
        let events = drive(analyzer)
        let types = events.map(\.type.rawValue)
        #expect(types.filter { $0 == "object.entered" }.count == 2)  // the truck and its container
        let crossings = events.filter { $0.type == .lineCrossed }
        #expect(crossings.count == 2)
        #expect(crossings.allSatisfy { $0.line?.direction == "in" && $0.line?.id == "gate" })
        let identified = events.filter { $0.type == .containerIdentified }
        #expect(identified.count == 1)
        #expect(identified.first?.container?.code == "PSGU4182735")
        #expect(identified.first?.container?.sizeType == "22G1")
        #expect((identified.first?.container?.reads ?? 0) >= 3)
        let transactions = events.filter { $0.type == .gateTransaction }
        #expect(transactions.count == 1)
        #expect(transactions.first?.transaction?.containers.map(\.code) == ["PSGU4182735"])
        #expect(transactions.first?.track?.label == "truck")
        // The truck's whole box, not the sliver it left the frame with.
        #expect(transactions.first?.track?.box.width == 600)
        // Reads are rate-limited: at most one per 0.5 s per track, and the truck is not read while
        // its container has a track of its own.
        #expect(reader.calls <= 12)
        // Every event about an object carries an annotated JPEG crop, except those of the end of the footage.
        let withFrames = events.filter { ($0.mediaTimeS ?? 99) < 5.9 }  // finish() at 6 s has no frame
        #expect(withFrames.count >= 5)
        #expect(withFrames.allSatisfy { $0.snapshotJPEG.map { $0.starts(with: [0xFF, 0xD8]) } == true })
        // Ids are unique and every event names the camera.
        #expect(Set(events.map(\.id)).count == events.count)
        #expect(events.allSatisfy { $0.camera == "gate3" })
    }

    @Test("a container that comes back after the re-announce time is announced again, not before")
    func comesBack() throws {
        for (gap, expected) in [(1200.0, 2), (120.0, 1)] {
            let analyzer = try CameraAnalyzer(settings: scene(), width: 1280, height: 720, origin: Date(timeIntervalSince1970: 0),
                                              codes: .inline(FixedCodeReader("PSGU4182735")), logger: Logger(label: "test"))
            // Between the passes the tracker ages the first one out on frames with nothing in them.
            var events = driveTruckPass(analyzer, buffer: buffer)
            for second in stride(from: 7.0, to: gap, by: 1) {
                let frame = Frame(info: FrameInfo(index: Int(second * 25), mediaTime: second, captureTime: Date(), frameWidth: 1280,
                                                  frameHeight: 720), buffer: buffer)
                events += analyzer.process(frame, detections: [], motion: [])
            }
            events += driveTruckPass(analyzer, buffer: buffer, start: gap) + analyzer.finish(at: gap + 6)
            #expect(events.filter { $0.type == .containerIdentified }.count == expected, "passes \(gap) s apart")
            #expect(events.filter { $0.type == .gateTransaction }.count == 2, "passes \(gap) s apart")
        }
    }

    @Test("a code decided only when its container's track ends, in the same step as its truck's, is in the truck's transaction")
    func codeDecidedAtTheEnd() throws {
        // Read once, so the code is decided (for review) only when the track ends. The truck's
        // track is older (a lower id) and ends in the same step.
        let reader = OnceCodeReader("PSGU4182735")
        let analyzer = try CameraAnalyzer(settings: scene(), width: 1280, height: 720, origin: Date(timeIntervalSince1970: 0),
                                          codes: .inline(reader), logger: Logger(label: "test"))
        var events = driveTruckPass(analyzer, buffer: buffer)
        for time in stride(from: 6.0, through: 9.0, by: 0.2) {
            events += truckFrame(analyzer, buffer: buffer, at: time, x: 2000)
        }
        let identified = events.filter { $0.type == .containerIdentified }
        #expect(identified.map { $0.container?.needsReview } == [true])
        let transaction = try #require(events.first { $0.type == .gateTransaction }?.transaction)
        #expect(transaction.containers.map(\.code) == ["PSGU4182735"])
        #expect(transaction.containers.first?.level == identified.first?.container?.level)
    }

    @Test("the same detections give the same events")
    func deterministic() throws {
        func run() throws -> [NewEvent] {
            drive(try CameraAnalyzer(settings: scene(), width: 1280, height: 720, origin: Date(timeIntervalSince1970: 0),
                                     codes: .inline(FixedCodeReader("PSGU4182735")), logger: Logger(label: "test")))
        }
        #expect(try run() == run())
    }

    @Test("without a gate there is no transaction; without a reader no code")
    func noGateNoReader() throws {
        var plain = try scene()
        plain.gates = []
        let events = drive(try CameraAnalyzer(settings: plain, width: 1280, height: 720, origin: Date(timeIntervalSince1970: 0),
                                              codes: nil, logger: Logger(label: "test")))
        #expect(!events.contains { $0.type == .gateTransaction || $0.type == .containerIdentified })
        #expect(events.contains { $0.type == .lineCrossed })
    }
}
