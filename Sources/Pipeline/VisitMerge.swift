import ContainerCode
import Events
import Foundation

/// Merges the records several cameras of one lane made of one passage: the lead camera's record
/// (the first of the lane's cameras that saw it) with the surest plate and container reads of all.
struct VisitMerge {
    /// The lane's cameras in the configuration's order.
    let lane: [String]
    /// Those that see trucks from behind.
    var rear: Set<String> = []
    /// The lowest verification level announced as identified (`codes.identify_level`).
    var identifyLevel = VerificationLevel.checkDigit

    func merged(_ parts: [VisitPart]) -> NewEvent {
        let ordered = parts.sorted { (lane.firstIndex(of: $0.camera) ?? .max) < (lane.firstIndex(of: $1.camera) ?? .max) }
        var event = ordered[0].event
        guard ordered.count > 1, var visit = event.transaction else { return event }
        let visits = ordered.compactMap { part in part.event.transaction.map { (part, $0) } }
        visit.cameras = ordered.map(\.camera)
        visit.enteredTime = ordered.map(\.entered).min().map(EventTime.string)
        visit.leftTime = ordered.map(\.left).max().map(EventTime.string)
        visit.direction = visits.lazy.compactMap(\.1.direction).first
        event.zones = Array(Set(ordered.flatMap { $0.event.zones ?? [] })).sorted()
        event.snapshotJPEG = ordered.lazy.compactMap(\.event.snapshotJPEG).first
        var crops: [EventCrop] = []

        // The tractor's plate from the cameras that see the front or side, and the rear
        // cameras' when it is another plate (a semi-trailer's own). Without front cameras, the
        // rear ones give the plate.
        let plates = visits.compactMap { part, visit in visit.plate.map { (part, $0) } }
        let fromRear = plates.filter { rear.contains($0.0.camera) }, others = plates.filter { !rear.contains($0.0.camera) }
        if let (source, plate) = Self.surest(others.isEmpty ? fromRear : others) {
            visit.plate = plate
            if let crop = source.event.crops.first(where: { $0.name == "plate" }) { crops.append(crop) }
        }
        if !others.isEmpty, let (source, trailer) = Self.surest(fromRear), let text = trailer.text, text != visit.plate?.text {
            visit.trailerPlate = trailer
            if var crop = source.event.crops.first(where: { $0.name == "plate" }) {
                crop.name = "trailer_plate"
                crops.append(crop)
            }
        }

        // The containers: in the order of the camera that saw the most, each code's surest read.
        var containers: [ContainerPayload] = []
        var sources: [String: VisitPart] = [:]
        var seenBy: [String: [String: ContainerPayload]] = [:]  // code → camera → its read
        for (part, partVisit) in visits.sorted(by: { $0.1.containers.count > $1.1.containers.count }) {
            for container in partVisit.containers {
                if container.checkOK { seenBy[container.code, default: [:]][part.camera] = container }
                if let index = containers.firstIndex(where: { $0.code == container.code }) {
                    guard container.isSurer(than: containers[index]) else { continue }
                    containers[index] = container
                } else {
                    containers.append(container)
                }
                sources[container.code] = part
            }
        }
        for index in containers.indices {
            if let reads = seenBy[containers[index].code], reads.count > 1 { confirm(&containers[index], by: Array(reads.values)) }
            containers[index].position = containers.count == 1 ? "single"
                : index == 0 ? "front" : index == containers.count - 1 ? "back" : "middle"
            let code = containers[index].code
            if let crop = sources[code]?.event.crops.first(where: { $0.name == code }) { crops.append(crop) }
        }
        visit.containers = containers
        event.transaction = visit
        event.crops = crops
        return event
    }

    /// Two cameras that each read `container` with its check digit holding read it independently:
    /// level 2 (unless it is already higher), and no longer held back for its level when that
    /// was all that held it.
    func confirm(_ container: inout ContainerPayload, by reads: [ContainerPayload]) {
        let before = VerificationLevel(rawValue: container.level) ?? .checkDigit
        guard before < .repeated else { return }
        container.level = VerificationLevel.repeated.rawValue
        container.reads = reads.map(\.reads).reduce(0, +)
        container.reviewReasons.removeAll { $0 == ReviewReason.levelBelowMinimum(before, minimum: identifyLevel).description }
        if .repeated < identifyLevel {
            container.reviewReasons.append(ReviewReason.levelBelowMinimum(.repeated, minimum: identifyLevel).description)
        }
        container.needsReview = !container.reviewReasons.isEmpty
    }

    /// The surest of `plates` and its camera's record; sure reads that disagree need review.
    static func surest(_ plates: [(VisitPart, PlatePayload)]) -> (VisitPart, PlatePayload)? {
        guard let (source, best) = plates.max(by: { plate($1.1, isSurerThan: $0.1) }) else { return nil }
        var chosen = best
        let sure = plates.filter { $0.1.text != nil && !$0.1.needsReview }
        if Set(sure.compactMap(\.1.text)).count > 1 {
            chosen.reviewReasons.append("the cameras disagree: " + sure.map { "\($0.0.camera) read \($0.1.text!)" }.joined(separator: ", "))
            chosen.needsReview = true
        }
        return (source, chosen)
    }

    /// True when `a` says more than `b`: a text over none, no review over review, then confidence.
    static func plate(_ a: PlatePayload, isSurerThan b: PlatePayload) -> Bool {
        if (a.text == nil) != (b.text == nil) { return a.text != nil }
        if a.needsReview != b.needsReview { return !a.needsReview }
        return a.confidence > b.confidence
    }
}

extension ContainerPayload {
    /// True when this decision says more than `other`: no review needed where it did, then a
    /// higher verification level, then more confidence.
    func isSurer(than other: ContainerPayload) -> Bool {
        if needsReview != other.needsReview { return !needsReview }
        if level != other.level { return level > other.level }
        return confidence > other.confidence
    }
}
