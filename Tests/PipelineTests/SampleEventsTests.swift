import Detection
import Events
import Foundation
import Inference
import FrameSources
import Logging
import Pipeline
import PixelCore
import Plates
import Testing
import TestSupport
import Tracking
import Vision

/// The whole chain on the bundled sample: motion, detection, tracking, zones and lines, codes.
@Suite("Events of the sample clip")
struct SampleEventsTests {
    let logger = Logger(label: "portsight.tests")

    func replayEvents() throws -> [NewEvent] {
        try replayClip(Fixtures.sampleClip, scene: sampleScene(), plates: true, logger: logger)
    }

    @Test("two replays give the same events in the same order")
    func deterministic() throws {
        let first = try replayEvents()
        #expect(!first.isEmpty)
        #expect(try replayEvents() == first)
    }

    @Test("the truck crosses the gate inward once, its container is identified once, the car crosses outward; one visit record")
    func matchesTheStory() throws {
        let events = try replayEvents()
        let crossings = events.filter { $0.type == .lineCrossed }
        let trucks = crossings.filter { $0.track?.label == "truck" }
        #expect(trucks.count == 1)
        #expect(trucks.first?.line?.direction == "in")
        let cars = crossings.filter { $0.track?.label == "car" }
        #expect(cars.count == 1)
        #expect(cars.first?.line?.direction == "out")
        let identified = events.filter { $0.type == .containerIdentified }
        #expect(identified.map { $0.container?.code } == ["PSGU4182735"])
        let transactions = events.filter { $0.type == .gateTransaction }
        #expect(transactions.count == 1)
        let visit = try #require(transactions.first?.transaction)
        #expect(visit.containers.map(\.code) == ["PSGU4182735"])
        #expect(visit.containers.first?.sizeType == "22G1")
        #expect(visit.containers.first?.position == "single")
        #expect((visit.containers.first?.level ?? 0) >= 1)
        // The registration painted on the cab side, read with the UK patterns on several frames.
        #expect(visit.plate?.text == "GT19PSX")
        #expect(visit.plate?.needsReview == false)
        #expect((visit.plate?.agreeingReads ?? 0) >= 2)
        #expect(visit.direction == "in")
        #expect(visit.lane == "gate3")
        // No object is announced twice: one entered per ground-truth object (truck, container, car, worker).
        #expect(events.filter { $0.type == .objectEntered }.count == 4)
    }
}
