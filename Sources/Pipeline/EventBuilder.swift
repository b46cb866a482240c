import ContainerCode
import Detection
import Events
import Foundation
import Timing
import Tracking
import Vision

/// Turns what the analyzers saw into events to store. Ids and times come from the footage, so a
/// replay gives the same events every run.
struct EventBuilder {
    let camera: String
    /// Wall time of media time 0: the start of a recording, or the Unix epoch for replays.
    let origin: Date

    func time(_ mediaTime: Double) -> Date { origin.addingTimeInterval(mediaTime) }

    /// A deterministic id: camera, event time in milliseconds since the Unix epoch (the media time
    /// itself for replays, whose origin is the epoch), track, and what happened.
    func id(_ mediaTime: Double, track: Int, _ what: String) -> String {
        "\(camera)-\(Int((time(mediaTime).timeIntervalSince1970 * 1000).rounded()))-\(track)-\(what)"
    }

    func track(_ snapshot: TrackSnapshot) -> TrackPayload {
        TrackPayload(id: snapshot.id, category: snapshot.category, label: snapshot.label, box: snapshot.box,
                     score: (snapshot.score * 1000).rounded() / 1000)
    }

    func event(_ trackEvent: TrackEvent) -> NewEvent {
        let snapshot = trackEvent.track
        var event = NewEvent(id: "", type: .objectEntered, camera: camera, time: time(trackEvent.time),
                             mediaTimeS: trackEvent.time.rounded(toPlaces: 3), track: track(snapshot))
        switch trackEvent.kind {
        case .entered: event.type = .objectEntered
        case .left: event.type = .objectLeft
        case .stationary: event.type = .objectStationary
        case let .zoneEntered(zone):
            event.type = .zoneEntered
            event.zone = ZonePayload(id: zone)
        case let .zoneLeft(zone, dwell):
            event.type = .zoneLeft
            event.zone = ZonePayload(id: zone, dwellS: dwell.rounded(toPlaces: 3))
        case let .lineCrossed(line, direction):
            event.type = .lineCrossed
            event.line = LinePayload(id: line, direction: direction)
        }
        let what = [event.type.rawValue, event.zone?.id, event.line?.id].compactMap { $0 }.joined(separator: ".")
        event.id = id(trackEvent.time, track: snapshot.id, what)
        return event
    }

    func identified(_ decision: ContainerIdentity, track snapshot: TrackSnapshot, at mediaTime: Double) -> NewEvent {
        NewEvent(id: id(mediaTime, track: snapshot.id, "container.identified"), type: .containerIdentified, camera: camera,
                 time: time(mediaTime), mediaTimeS: mediaTime.rounded(toPlaces: 3), track: track(snapshot),
                 container: decision.payload)
    }

    /// The visit record of a truck that passed a gate: lane, direction, times, plate and the
    /// containers from the cab backwards.
    /// The crops go with it: `plate`, and each container's by its code.
    func transaction(truck: TrackSnapshot, pass: TruckPass, containers: [ContainerIdentity], plate: PlatePayload?, plateCrop: Data?,
                     lane: String, at mediaTime: Double) -> NewEvent {
        var event = NewEvent(id: id(mediaTime, track: truck.id, "gate.transaction"), type: .gateTransaction, camera: camera,
                             time: time(mediaTime), mediaTimeS: mediaTime.rounded(toPlaces: 3), track: track(truck),
                             zones: pass.gates, transaction: GateTransactionPayload(
                                truckTrackID: truck.id, containers: containers.map(\.payload),
                                enteredMediaTimeS: truck.firstSeen.rounded(toPlaces: 3), leftMediaTimeS: truck.lastSeen.rounded(toPlaces: 3),
                                lane: lane, direction: pass.direction, plate: plate, enteredTime: time(truck.firstSeen),
                                leftTime: time(truck.lastSeen)))
        if let plateCrop { event.crops.append(EventCrop(name: "plate", jpeg: plateCrop)) }
        for container in containers {
            if let crop = container.crop { event.crops.append(EventCrop(name: container.payload.code, jpeg: crop)) }
        }
        return event
    }
}

/// A container's code as decided by the votes of a track's reads.
struct ContainerIdentity: Sendable, Equatable {
    var payload: ContainerPayload
    /// The close-up of the code's surest read.
    var crop: Data?

    /// The decision as announced: `reasons` are its review reasons, the level's included.
    init(_ decision: ContainerCodeDecision, sizeType: String?, sizeTypeConfidence: Double?, reasons: [ReviewReason], corrected: [Int],
         crop: Data? = nil) {
        self.crop = crop
        let code = decision.code
        payload = ContainerPayload(code: code.string, owner: code.owner, category: String(code.category.rawValue),
                                   serial: code.serial, checkDigit: code.checkDigit, checkOK: !decision.checkDigitInferred,
                                   sizeType: sizeType, confidence: decision.confidence.rounded(toPlaces: 3),
                                   needsReview: !reasons.isEmpty, reads: decision.readCount, level: decision.level.rawValue,
                                   reviewReasons: reasons.map(\.description), corrected: corrected,
                                   sizeTypeConfidence: sizeTypeConfidence?.rounded(toPlaces: 3))
    }
}
