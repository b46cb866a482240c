import Events
import Plates

/// The site's current expected visits, shared by the cameras; replaced whole when the list file
/// is reloaded.
public typealias SharedExpectedVisits = Shared<ExpectedVisits>

/// Holds a finished visit record against the expected visits: the plate confirmed, or corrected
/// when one character is off from a single expected plate (sure only when the two are
/// look-alikes), the containers compared; and a `visit.unexpected` event beside it when the
/// truck or one of its containers was not expected.
struct ExpectedVisitCheck {
    let list: ExpectedVisits

    func apply(to event: NewEvent) -> [NewEvent] {
        guard list.count > 0, event.type == .gateTransaction, var visit = event.transaction else { return [event] }
        let codes = visit.containers.map(\.code)
        let match = list.match(plate: visit.plate?.text, codes: codes)
        if let expected = match.plate, var plate = visit.plate, !match.corrected.isEmpty {
            plate.readAs = plate.text
            plate.text = expected
            plate.corrected = match.corrected
            if !match.lookAlikesOnly {
                plate.reviewReasons.append("read as \(plate.readAs ?? ""), one character off the expected \(expected)")
                plate.needsReview = true
            }
            visit.plate = plate
        }
        var reasons: [String] = []
        if match.plate == nil {
            reasons.append(visit.plate?.text.map { "plate \($0) is not expected" } ?? "no plate was read")
        }
        for code in match.unexpectedContainers {
            reasons.append("container \(code) is not expected" + (match.plate.map { " with \($0)" } ?? ""))
        }
        visit.expected = ExpectedVisitPayload(plateExpected: match.plate != nil, unexpectedContainers: match.unexpectedContainers,
                                              missingContainers: match.missingContainers, reasons: reasons)
        var checked = event
        checked.transaction = visit
        guard !reasons.isEmpty else { return [checked] }
        // The alert repeats the record; its pictures and clip stay with the gate.transaction.
        var alert = NewEvent(checked.content, snapshotJPEG: nil)
        alert.type = .visitUnexpected
        let suffix = "gate.transaction"
        alert.id = checked.id.hasSuffix(suffix) ? String(checked.id.dropLast(suffix.count)) + "visit.unexpected" : checked.id + ".unexpected"
        return [checked, alert]
    }
}
