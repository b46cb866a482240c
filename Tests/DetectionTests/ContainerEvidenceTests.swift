import Detection
import PixelCore
import Testing
import TestSupport

@Suite struct ContainerEvidenceTests {
    /// A grey frame with a truck-sized box whose top part has vertical stripes (a corrugated
    /// container side) or horizontal stripes (slats, a tanker's bands), plus a little texture.
    func frame(verticalRibs: Bool) -> PixelBuffer {
        let image = PixelBuffer(width: 640, height: 360, channels: 1)
        var random = SeededRandom(seed: 7)
        for y in 0..<360 {
            let row = image.data.advanced(by: y * image.stride).assumingMemoryBound(to: UInt8.self)
            for x in 0..<640 {
                let inCargo = (100..<540).contains(x) && (60..<200).contains(y)
                let stripe = verticalRibs ? (x / 6) % 2 : (y / 6) % 2
                row[x] = UInt8(inCargo ? 90 + stripe * 50 : 120) &+ UInt8(random.next() % 6)
            }
        }
        return image
    }

    let truck = Detection(category: .vehicle, label: "truck", score: 0.8, box: Rect(x: 100, y: 60, width: 440, height: 215))

    @Test func corrugatedCargoAreaIsAContainer() {
        let image = frame(verticalRibs: true)
        let found = withExtendedLifetime(image) { ContainerEvidence.onTrucks([truck], in: image.view) }
        #expect(found.count == 1)
        #expect(found.first?.source == .truckCargo)
        #expect(found.first?.category == .container)
        #expect(found.first?.box == Rect(x: 100, y: 60, width: 440, height: 139))
    }

    @Test func horizontalBandsAreNot() {
        let image = frame(verticalRibs: false)
        withExtendedLifetime(image) { #expect(ContainerEvidence.onTrucks([truck], in: image.view).isEmpty) }
    }

    @Test func onlyTrucksAreLookedAt() {
        var car = truck
        car.label = "car"
        let image = frame(verticalRibs: true)
        withExtendedLifetime(image) { #expect(ContainerEvidence.onTrucks([car], in: image.view).isEmpty) }
    }

    @Test func codeOnATruckGivesItsCargoArea() {
        let code = Rect(x: 300, y: 80, width: 120, height: 20)
        let found = ContainerEvidence.aroundCode(code, confidence: 0.9, detections: [truck], frameWidth: 640, frameHeight: 360)
        #expect(found.box == Rect(x: 100, y: 60, width: 440, height: 139))
        #expect(found.source == .containerCode)
        let alone = ContainerEvidence.aroundCode(code, confidence: 0.9, detections: [], frameWidth: 640, frameHeight: 360)
        #expect(alone.box == Rect(x: 220, y: 0, width: 280, height: 180))
    }
}
