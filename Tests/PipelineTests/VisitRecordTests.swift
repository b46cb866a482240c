import ContainerCode
import Detection
import Events
import Foundation
import FrameSources
import Logging
import Pipeline
import PixelCore
import Plates
import Synchronization
import Testing
import Tracking
import Vision

/// A plate reader that "reads" a fixed plate (or finds one too small) wherever it looks, noting
/// the regions it was asked to read.
final class FixedPlateReader: PlateReading, @unchecked Sendable {
    let text: String?
    let regions = Mutex<[Rect]>([])
    init(_ text: String?) { self.text = text }

    func readPlates(_ image: ImageView, region: Rect?, rules: PlateRules) throws -> [PlateFinding] {
        let area = region ?? Rect(x: 0, y: 0, width: image.width, height: image.height)
        regions.withLock { $0.append(area) }
        let box = Rect(x: area.x + 10, y: area.y + 10, width: 100, height: 24)
        guard let text else { return [PlateFinding(read: nil, box: box, characterHeight: 9)] }
        return [PlateFinding(read: PlateRead(text: text, pattern: "uk", confidence: 0.97), box: box, characterHeight: 20)]
    }
}

@Suite("Visit records: one gate transaction per truck, with its plate and containers")
struct VisitRecordTests {
    let buffer = PixelBuffer(width: 1280, height: 720, channels: 3)
    let rules = SharedPlateRules(PlateRules(search: PlateSearch(patterns: try! PlatePresets.patterns("uk"))))

    func analyzer(_ plates: FixedPlateReader, lane: String? = nil) throws -> CameraAnalyzer {
        var scene = try gateScene()
        scene.lane = lane
        return try CameraAnalyzer(settings: scene, width: 1280, height: 720, origin: Date(timeIntervalSince1970: 1_800_000_000),
                                  codes: .inline(FixedCodeReader("PSGU4182735")), plates: .inline(plates, rules: rules),
                                  logger: Logger(label: "test"))
    }

    @Test("the visit names the lane, the way, the times, the plate and the container's position")
    func fullRecord() throws {
        let plates = FixedPlateReader("GT19PSX")
        let analyzer = try analyzer(plates, lane: "lane-1")
        let events = driveTruckPass(analyzer, buffer: buffer) + analyzer.finish(at: 6)
        let visits = events.compactMap(\.transaction)
        #expect(visits.count == 1)
        let visit = try #require(visits.first)
        #expect(visit.lane == "lane-1")
        #expect(visit.direction == "in")
        #expect(visit.enteredTime == "2027-01-15T08:00:00.000Z")
        #expect(visit.leftTime.map { $0 > visit.enteredTime! } == true)
        #expect(visit.plate?.text == "GT19PSX")
        #expect(visit.plate?.needsReview == false)
        #expect(visit.plate?.agreeingReads == visit.plate?.reads)
        #expect(visit.containers.map(\.code) == ["PSGU4182735"])
        #expect(visit.containers.map(\.position) == ["single"])
        // The evidence: close-ups of the plate and of the code go with the visit.
        let event = try #require(events.first { $0.type == .gateTransaction })
        #expect(event.crops.map(\.name) == ["plate", "PSGU4182735"])
        #expect(event.crops.allSatisfy { $0.jpeg.starts(with: [0xFF, 0xD8]) })
        // Two agreeing sure reads settle the plate: no more are asked for.
        let asked = plates.regions.withLock { $0 }
        #expect(asked.count == 2)
        // Only the lower part of the truck's box (y 420...690) is searched.
        #expect(asked.allSatisfy { $0.y >= 420 + 270 * 45 / 100 - 14 && $0.y + $0.height <= 720 })
    }

    @Test("without a lane the camera names it; a plate too small to read is said to be so, with no text")
    func tooSmall() throws {
        let analyzer = try analyzer(FixedPlateReader(nil))
        let events = driveTruckPass(analyzer, buffer: buffer) + analyzer.finish(at: 6)
        let visit = try #require(events.compactMap(\.transaction).first)
        #expect(visit.lane == "gate3")
        #expect(visit.plate?.tooSmall == true)
        #expect(visit.plate?.text == nil)
        #expect(visit.plate?.needsReview == true)
        #expect(visit.plate?.reviewReasons.first?.contains("too small") == true)
    }

    /// Frames every 0.2 s of a truck whose box starts at x -100 and moves by `step(time)` pixels
    /// a frame until it has left, then the end of the footage.
    func drive(_ analyzer: CameraAnalyzer, step: (Double) -> Int) -> [NewEvent] {
        var events: [NewEvent] = []
        var time = 0.0
        var x = -100
        while x < 1280 {
            events += truckFrame(analyzer, buffer: buffer, at: time, x: x)
            x += step(time)
            time += 0.2
        }
        return events + analyzer.finish(at: time)
    }

    @Test("a truck that stops 30 s under the gate gives one visit")
    func stopsUnderGate() throws {
        // Drives to the gate, stands there for 30 s, then drives on.
        let events = drive(try analyzer(FixedPlateReader("GT19PSX"))) { (3...33).contains($0) ? 0 : 60 }
        #expect(events.filter { $0.type == .gateTransaction }.count == 1)
        #expect(events.compactMap(\.transaction).first?.plate?.text == "GT19PSX")
    }

    @Test("a truck that backs up a metre across the gate line and drives on gives one visit, going in")
    func reverses() throws {
        // Its middle passes the line at x 640 at about 1.5 s; then it backs 60 px (about a metre),
        // back over the line, and drives on.
        let events = drive(try analyzer(FixedPlateReader("GT19PSX"))) { (1.6..<2.2).contains($0) ? -20 : 60 }
        let crossings = events.filter { $0.type == .lineCrossed && $0.track?.label == "truck" }
        // A track crosses a line once in its life: backing over it is not a second crossing.
        #expect(crossings.map(\.line?.direction) == ["in"])
        let visits = events.compactMap(\.transaction)
        #expect(visits.count == 1)
        #expect(visits.first?.direction == "in")
    }

    @Test("held against the expected visits: an expected truck is confirmed, an unexpected one or container raises visit.unexpected",
          arguments: [
            ("GT19PSX PSGU4182735", "GT19PSX", true, [String]()),
            ("AB12CDE", "GT19PSX", false, ["plate GT19PSX is not expected", "container PSGU4182735 is not expected"]),
            ("GT19PSX MSKU1234565", "GT19PSX", true, ["container PSGU4182735 is not expected with GT19PSX"]),
          ])
    func expectedVisits(list: String, read: String, expected: Bool, reasons: [String]) throws {
        var settings = try gateScene()
        settings.expectedVisits = SharedExpectedVisits(try ExpectedVisits(parsing: list))
        let checked = try CameraAnalyzer(settings: settings, width: 1280, height: 720, origin: Date(timeIntervalSince1970: 0),
                                         codes: .inline(FixedCodeReader("PSGU4182735")),
                                         plates: .inline(FixedPlateReader(read), rules: rules), logger: Logger(label: "test"))
        let events = driveTruckPass(checked, buffer: buffer) + checked.finish(at: 6)
        let visit = try #require(events.first { $0.type == .gateTransaction }?.transaction)
        #expect(visit.expected?.plateExpected == expected)
        #expect(visit.expected?.reasons == reasons)
        let alerts = events.filter { $0.type == .visitUnexpected }
        #expect(alerts.count == (reasons.isEmpty ? 0 : 1))
        #expect(alerts.first?.transaction?.expected?.reasons == (reasons.isEmpty ? nil : reasons))
        #expect(alerts.allSatisfy { $0.id.hasSuffix("visit.unexpected") && $0.crops.isEmpty && $0.clipMP4 == nil })
    }

    @Test("a plate read one look-alike off an expected plate is corrected to it, sure, and says what was read")
    func correctedByList() throws {
        var settings = try gateScene()
        settings.expectedVisits = SharedExpectedVisits(try ExpectedVisits(parsing: "GT19PSX PSGU4182735"))
        let analyzer = try CameraAnalyzer(settings: settings, width: 1280, height: 720, origin: Date(timeIntervalSince1970: 0),
                                          codes: .inline(FixedCodeReader("PSGU4182735")),
                                          plates: .inline(FixedPlateReader("GT19P5X"), rules: rules), logger: Logger(label: "test"))
        let events = driveTruckPass(analyzer, buffer: buffer) + analyzer.finish(at: 6)
        let plate = try #require(events.first { $0.type == .gateTransaction }?.transaction?.plate)
        #expect(plate.text == "GT19PSX" && plate.readAs == "GT19P5X" && plate.corrected == [5] && !plate.needsReview)
        #expect(!events.contains { $0.type == .visitUnexpected })
    }

    @Test("plates are read on the shared service's thread and join the truck's visit")
    func background() throws {
        let codes = GatedCodeReader("PSGU4182735")
        codes.open()
        let plates = FixedPlateReader("GT19PSX")
        let service = CodeReadService(reader: codes, plates: plates, plateRules: rules, logger: Logger(label: "test"))
        defer { service.stop() }
        let client = service.client(camera: "gate3")
        let analyzer = try CameraAnalyzer(settings: gateScene(), width: 1280, height: 720, origin: Date(timeIntervalSince1970: 0),
                                          codes: .background(client), plates: .background(client), logger: Logger(label: "test"))
        let events = driveTruckPass(analyzer, buffer: buffer) + analyzer.finish(at: 6)
        let visit = try #require(events.compactMap(\.transaction).first)
        #expect(visit.plate?.text == "GT19PSX")
        #expect(visit.containers.map(\.code) == ["PSGU4182735"])
        #expect(service.stats.plateRuns >= 1)
    }
}
