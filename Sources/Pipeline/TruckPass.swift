import Detection
import Events
import Foundation
import PixelCore

/// A truck's pass through the scene: the gates it passed, which way, and what it carried.
struct TruckPass {
    var gates: [String] = []
    /// The direction of its last gate-line crossing, by the line's name for it (`in`, `out`).
    var direction: String?
    /// The truck's largest box of the pass: its fullest view, where the box it was lost with can
    /// be a sliver at the frame's edge.
    var largestBox: Rect?
    var containerTracks: Set<Int> = []
    /// Each container track's last box while it rode on the truck.
    var containerBoxes: [Int: Rect] = [:]
    /// Codes read on the truck's own track (when no container track was found on it).
    var codes: [ContainerIdentity] = []
    /// The centre of the truck's first and last boxes: which way it drove, so where its cab is.
    var firstCentreX: Double?
    var lastCentreX: Double?
    /// Media time the truck's track was first seen.
    var firstSeen: Double?

    mutating func noteCentre(_ box: Rect) {
        let centre = Double(box.x) + Double(box.width) / 2
        if firstCentreX == nil { firstCentreX = centre }
        lastCentreX = centre
    }

    /// The containers from the cab backwards, each with its position: the container tracks
    /// ordered by where they sat (the cab is at the front of the way the truck drove), then codes
    /// read on the truck itself. One code read both ways keeps its surer decision, so the visit
    /// never says less than the container's own `container.identified` said.
    func containersFromCab(carried: [CarriedContainer]) -> [ContainerIdentity] {
        let drove = (lastCentreX ?? 0) - (firstCentreX ?? 0)
        let ordered = carried.sorted { a, b in
            let ax = a.box.map { Double($0.x) + Double($0.width) / 2 } ?? 0
            let bx = b.box.map { Double($0.x) + Double($0.width) / 2 } ?? 0
            if ax != bx { return drove >= 0 ? ax > bx : ax < bx }
            return a.identity.payload.code < b.identity.payload.code
        }
        var chosen: [ContainerIdentity] = []
        for identity in ordered.map(\.identity) + codes {
            if let index = chosen.firstIndex(where: { $0.payload.code == identity.payload.code }) {
                // The surer decision, with a close-up from either.
                let crop = chosen[index].crop ?? identity.crop
                if identity.isSurer(than: chosen[index]) { chosen[index] = identity }
                if chosen[index].crop == nil { chosen[index].crop = crop }
            } else {
                chosen.append(identity)
            }
        }
        return chosen.enumerated().map { index, identity in
            var placed = identity
            placed.payload.position = chosen.count == 1 ? "single" : index == 0 ? "front" : index == chosen.count - 1 ? "back" : "middle"
            return placed
        }
    }
}

/// The close-up of the surest read of one text.
struct ScoredCrop: Sendable {
    var jpeg: Data?
    var confidence = -1.0

    mutating func offer(_ crop: Data, confidence: Double) {
        guard confidence > self.confidence else { return }
        jpeg = crop
        self.confidence = confidence
    }
}

/// A container decided on a track that rode on a truck, with where it was last seen.
struct CarriedContainer {
    var identity: ContainerIdentity
    var box: Rect?
}

extension ContainerIdentity {
    /// True when this decision says more than `other`: no review needed where it did, then a
    /// higher verification level, then more confidence.
    func isSurer(than other: ContainerIdentity) -> Bool {
        payload.isSurer(than: other.payload)
    }
}
