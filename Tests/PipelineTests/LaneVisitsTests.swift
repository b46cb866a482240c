import ContainerCode
import Detection
import Events
import Foundation
import FrameSources
import Logging
@testable import Pipeline
import PixelCore
import Plates
import Testing
import Tracking
import Vision

@Suite("Lane visits: the cameras of one lane make one visit record")
struct LaneVisitsTests {
    let buffer = PixelBuffer(width: 1280, height: 720, channels: 3)
    let rules = SharedPlateRules(PlateRules(search: PlateSearch(patterns: try! PlatePresets.patterns("uk"))))

    /// The side camera reads the code, the front camera (`second`) the plate; both watch `lane`.
    func cameras(_ lane: LaneVisits, frontPlate: String? = "GT19PSX", sidePlate: String? = nil,
                 second: String = "gate3-front") throws -> (side: CameraAnalyzer, front: CameraAnalyzer) {
        var side = try gateScene()
        side.lane = lane.lane
        side.laneVisits = lane
        var front = side
        front.camera = second
        let origin = Date(timeIntervalSince1970: 1_800_000_000)
        return (try CameraAnalyzer(settings: side, width: 1280, height: 720, origin: origin, codes: .inline(FixedCodeReader("PSGU4182735")),
                                   plates: sidePlate.map { .inline(FixedPlateReader($0), rules: rules) }, logger: Logger(label: "test")),
                try CameraAnalyzer(settings: front, width: 1280, height: 720, origin: origin, codes: nil,
                                   plates: frontPlate.map { .inline(FixedPlateReader($0), rules: rules) }, logger: Logger(label: "test")))
    }

    /// Both cameras see the truck pass at the same times, frame by frame, then an empty road.
    func drive(_ side: CameraAnalyzer, _ front: CameraAnalyzer, from start: Double = 0, until end: Double = 20) -> [NewEvent] {
        var events: [NewEvent] = []
        var time = start
        while time < end {
            let x = Int(-100 + 300 * (time - start))
            events += truckFrame(side, buffer: buffer, at: time, x: x)
            events += truckFrame(front, buffer: buffer, at: time, x: x)
            time += 0.2
        }
        return events
    }

    @Test("a side camera's code and a front camera's plate become one visit, led by the lane's first camera")
    func merged() throws {
        let lane = LaneVisits(lane: "lane-3", cameras: ["gate3", "gate3-front"])
        let (side, front) = try cameras(lane)
        let events = drive(side, front) + side.finish(at: 20) + front.finish(at: 20)
        let visits = events.filter { $0.type == .gateTransaction }
        #expect(visits.count == 1)
        let visit = try #require(visits.first)
        #expect(visit.camera == "gate3")
        #expect(visit.transaction?.cameras == ["gate3", "gate3-front"])
        #expect(visit.transaction?.lane == "lane-3")
        #expect(visit.transaction?.plate?.text == "GT19PSX")
        #expect(visit.transaction?.containers.map(\.code) == ["PSGU4182735"])
        #expect(visit.crops.map(\.name).sorted() == ["PSGU4182735", "plate"])
        // It came out while the footage ran, once both cameras were past it: not at the end.
        #expect((visit.mediaTimeS ?? 99) < 20)
    }

    @Test("two trucks a minute apart are two visits")
    func twoTrucks() throws {
        let lane = LaneVisits(lane: "lane-3", cameras: ["gate3", "gate3-front"])
        let (side, front) = try cameras(lane)
        let events = drive(side, front, until: 30) + drive(side, front, from: 60, until: 90) + side.finish(at: 90) + front.finish(at: 90)
        #expect(events.filter { $0.type == .gateTransaction }.count == 2)
    }

    @Test("cameras that read different sure plates give a visit that needs review, saying so")
    func disagree() throws {
        let lane = LaneVisits(lane: "lane-3", cameras: ["gate3", "gate3-front"])
        let (side, front) = try cameras(lane, frontPlate: "GT19PSX", sidePlate: "GT18PSX")
        let events = drive(side, front) + side.finish(at: 20) + front.finish(at: 20)
        let plate = try #require(events.compactMap(\.transaction).first?.plate)
        #expect(plate.needsReview)
        #expect(plate.reviewReasons.last?.contains("gate3 read GT18PSX") == true)
        #expect(plate.reviewReasons.last?.contains("gate3-front read GT19PSX") == true)
    }

    @Test("a rear camera's other plate is the trailer's; the same plate, or a rear camera alone, gives no trailer plate")
    func trailerPlate() throws {
        func visit(side: String?, rear: String?) throws -> NewEvent {
            let lane = LaneVisits(lane: "lane-3", cameras: ["gate3", "gate3-rear"], rearCameras: ["gate3-rear"])
            let (side, back) = try cameras(lane, frontPlate: rear, sidePlate: side, second: "gate3-rear")
            let events = drive(side, back) + side.finish(at: 20) + back.finish(at: 20)
            return try #require(events.first { $0.type == .gateTransaction })
        }
        let semi = try visit(side: "GT19PSX", rear: "KL07TRL")
        #expect(semi.transaction?.plate?.text == "GT19PSX")
        #expect(semi.transaction?.plate?.needsReview == false, "a trailer's plate is no disagreement")
        #expect(semi.transaction?.trailerPlate?.text == "KL07TRL")
        #expect(semi.crops.map(\.name).sorted() == ["PSGU4182735", "plate", "trailer_plate"])
        let rigid = try visit(side: "GT19PSX", rear: "GT19PSX")
        #expect(rigid.transaction?.plate?.text == "GT19PSX")
        #expect(rigid.transaction?.trailerPlate == nil)
        let rearOnly = try visit(side: nil, rear: "KL07TRL")
        #expect(rearOnly.transaction?.plate?.text == "KL07TRL")
        #expect(rearOnly.transaction?.trailerPlate == nil)
    }

    @Test("a camera of the lane that never reports holds a visit back for at most a minute")
    func silentCamera() throws {
        let lane = LaneVisits(lane: "lane-3", cameras: ["gate3", "gate3-front", "gate3-rear"])
        let (side, front) = try cameras(lane)
        var events = drive(side, front, until: 40)
        #expect(!events.contains { $0.type == .gateTransaction })
        events += drive(side, front, from: 40, until: 80)
        #expect(events.filter { $0.type == .gateTransaction }.count == 1)
    }

    @Test("a code two cameras each read with its check digit holding is level 2, and no longer held back for its level")
    func twoCamerasConfirm() throws {
        func container(_ code: String, level: VerificationLevel, checkOK: Bool = true,
                       identify: VerificationLevel = .repeated) -> ContainerPayload {
            let reasons = level < identify ? [ReviewReason.levelBelowMinimum(level, minimum: identify).description] : []
            return ContainerPayload(code: code, owner: String(code.prefix(3)), category: "U", serial: String(code.dropFirst(4).prefix(6)),
                                    checkDigit: Int(String(code.last!))!, checkOK: checkOK, confidence: 0.95, needsReview: !reasons.isEmpty,
                                    reads: 1, level: level.rawValue, reviewReasons: reasons)
        }
        func part(_ camera: String, _ containers: [ContainerPayload]) -> VisitPart {
            var event = NewEvent(id: camera, type: .gateTransaction, camera: camera, time: Date(timeIntervalSince1970: 10))
            event.transaction = GateTransactionPayload(truckTrackID: 1, containers: containers, enteredMediaTimeS: 0, leftMediaTimeS: 10)
            return VisitPart(camera: camera, event: event, entered: Date(timeIntervalSince1970: 0), left: Date(timeIntervalSince1970: 10))
        }
        let merge = VisitMerge(lane: ["left", "right"], identifyLevel: .repeated)
        let both = try #require(merge.merged([part("left", [container("PSGU4182735", level: .checkDigit)]),
                                              part("right", [container("PSGU4182735", level: .checkDigit)])]).transaction?.containers.first)
        #expect(both.level == 2)
        #expect(both.reads == 2)
        #expect(!both.needsReview)
        #expect(both.reviewReasons.isEmpty)

        // One camera only, or a second camera whose check digit failed, confirms nothing.
        let one = try #require(merge.merged([part("left", [container("PSGU4182735", level: .checkDigit)]), part("right", [])])
            .transaction?.containers.first)
        #expect(one.level == 1)
        #expect(one.needsReview)
        let failed = try #require(merge.merged([part("left", [container("PSGU4182735", level: .checkDigit)]),
                                                part("right", [container("PSGU4182735", level: .unverified, checkOK: false)])])
            .transaction?.containers.first)
        #expect(failed.level == 1)
        #expect(failed.needsReview)

        // With level 3 required, the reason names level 2 now; an expected code stays level 3.
        let strict = VisitMerge(lane: ["left", "right"], identifyLevel: .expected)
        let held = try #require(strict.merged([part("left", [container("PSGU4182735", level: .checkDigit, identify: .expected)]),
                                               part("right", [container("PSGU4182735", level: .checkDigit, identify: .expected)])])
            .transaction?.containers.first)
        #expect(held.level == 2)
        #expect(held.needsReview)
        #expect(held.reviewReasons == [ReviewReason.levelBelowMinimum(.repeated, minimum: .expected).description])
    }

    @Test("records are grouped by time, one per camera in a group")
    func grouping() {
        func part(_ camera: String, _ from: Double, _ to: Double) -> VisitPart {
            VisitPart(camera: camera, event: NewEvent(id: "\(camera)-\(from)", type: .gateTransaction, camera: camera, time: Date(timeIntervalSince1970: to)),
                      entered: Date(timeIntervalSince1970: from), left: Date(timeIntervalSince1970: to))
        }
        let groups = LaneVisits.groups([part("a", 0, 10), part("b", 5, 12), part("a", 14, 20), part("b", 40, 50)], joinGap: 10)
        #expect(groups.map { $0.map(\.event.id) } == [["a-0.0", "b-5.0"], ["a-14.0"], ["b-40.0"]])
    }
}
