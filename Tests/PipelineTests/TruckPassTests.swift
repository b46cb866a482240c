import ContainerCode
import Detection
import Events
import Foundation
@testable import Pipeline
import PixelCore
import Testing

@Suite("Truck pass: containers from the cab backwards")
struct TruckPassTests {
    func identity(_ code: String, reasons: [ReviewReason] = [], reads: Int = 3) throws -> ContainerIdentity {
        var voter = ContainerCodeVoter()
        for _ in 0..<reads { try voter.add(code: code, confidence: 0.95) }
        return ContainerIdentity(try voter.decision(), sizeType: "22G1", sizeTypeConfidence: 1, reasons: reasons, corrected: [])
    }

    func pass(from first: Int, to last: Int) -> TruckPass {
        var pass = TruckPass()
        pass.noteCentre(Rect(x: first, y: 400, width: 600, height: 270))
        pass.noteCentre(Rect(x: last, y: 400, width: 600, height: 270))
        return pass
    }

    @Test("driving right the cab is on the right: the rightmost container is the front one")
    func drivingRight() throws {
        let left = CarriedContainer(identity: try identity("PSGU4182735"), box: Rect(x: 100, y: 420, width: 280, height: 175))
        let right = CarriedContainer(identity: try identity("MSKU1234565"), box: Rect(x: 400, y: 420, width: 280, height: 175))
        let rightwards = pass(from: 0, to: 500).containersFromCab(carried: [left, right]).map(\.payload)
        #expect(rightwards.map(\.code) == ["MSKU1234565", "PSGU4182735"])
        #expect(rightwards.map(\.position) == ["front", "back"])
        let leftwards = pass(from: 500, to: 0).containersFromCab(carried: [left, right]).map(\.payload)
        #expect(leftwards.map(\.code) == ["PSGU4182735", "MSKU1234565"])
    }

    @Test("one code decided on the container and on the truck keeps the surer decision, and a close-up")
    func surerKept() throws {
        var truck = pass(from: 0, to: 500)
        var thin = try identity("PSGU4182735", reasons: [.tooFewReads(count: 1, minimum: 2)], reads: 1)
        thin.crop = Data([0xFF, 0xD8, 1])
        truck.codes = [thin]
        let container = CarriedContainer(identity: try identity("PSGU4182735"), box: Rect(x: 100, y: 420, width: 280, height: 175))
        let containers = truck.containersFromCab(carried: [container])
        #expect(containers.count == 1)
        #expect(containers.first?.payload.needsReview == false)
        #expect(containers.first?.payload.position == "single")
        #expect(containers.first?.crop == Data([0xFF, 0xD8, 1]))
    }
}
