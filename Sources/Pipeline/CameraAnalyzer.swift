import ContainerCode
import Detection
import Events
import Foundation
import FrameSources
import Logging
import PixelCore
import Tracking
import Vision

/// Reads container codes in a region of a frame: the OCR reader, or a stand-in in tests.
public protocol CodeReading: AnyObject {
    /// Codes read in `region` of `image` (BGR).
    func read(_ image: ImageView, region: Rect?) throws -> [ContainerCodeRead]
    /// Codes read in `region` of `image`, resolved against the `expected` containers.
    func read(_ image: ImageView, region: Rect?, expected: ExpectedCodes) throws -> [ContainerCodeRead]
}

extension CodeReading {
    /// A reader that knows no list reads as without one.
    public func read(_ image: ImageView, region: Rect?, expected: ExpectedCodes) throws -> [ContainerCodeRead] {
        try read(image, region: region)
    }
}

extension ContainerCodeReader: CodeReading {
    /// Codes read with `expected` as the reader's list.
    public func read(_ image: ImageView, region: Rect?, expected: ExpectedCodes) throws -> [ContainerCodeRead] {
        self.expected = expected
        return try read(image, region: region)
    }
}

/// One camera's analysis after detection: tracks, zones and lines, container codes and plates voted
/// along a track, and gate transactions. It turns each frame's detections into the events to store.
public final class CameraAnalyzer {
    let settings: SceneSettings
    private let builder: EventBuilder
    private let codes: CodeReadingMode?
    let plates: PlateReadingMode?
    let logger: Logger
    private var tracker: Tracker
    private var monitor: SceneMonitor
    private var reading: [Int: TrackReading] = [:]
    private var trucks: [Int: TruckPass] = [:]
    /// Plate reads of truck tracks, by track.
    var plateReading: [Int: TrackPlates] = [:]
    /// Tracks that ended while reads of theirs were out: finished when the reads are back.
    private var finishing: [Int: TrackSnapshot] = [:]
    /// Codes identified on this camera, with the media time they were announced; entries older than
    /// `reannounceAfter` are dropped, so the set stays small and a container that returns is announced.
    private var identifiedCodes: [String: Double] = [:]
    private let snapshots: SnapshotMaker?
    /// The footage between two media times as an MP4, for visit clips; nil: no clips.
    public var clips: ((Double, Double) -> Data?)?
    /// This camera's visit records held for the lane's other cameras, by event id.
    private var lanePending: [String: VisitPart] = [:]
    /// Close-ups of what was read on this thread (inline reads).
    let closeUps = try? SnapshotMaker()
    private var lastUpdate: Double?
    /// The confirmed tracks of the last update, for drawing.
    private(set) var lastConfirmed: [TrackSnapshot] = []

    /// An analyzer for frames of `width` x `height`. `origin` is the wall time of media time 0;
    /// without `codes`, no codes are read, and without `plates` no plates.
    public init(settings: SceneSettings, width: Int, height: Int, origin: Date, codes: CodeReadingMode?,
                plates: PlateReadingMode? = nil, logger: Logger) throws(SceneConfigurationError) {
        self.settings = settings
        builder = EventBuilder(camera: settings.camera, origin: origin)
        self.codes = codes
        self.plates = plates
        self.logger = logger
        tracker = Tracker(settings: settings.tracker, frameWidth: width, frameHeight: height)
        monitor = try SceneMonitor(zones: settings.zones, lines: settings.lines)
        snapshots = settings.snapshots ? try? SnapshotMaker() : nil
    }

    /// The events of one frame: tracker events, then zone and line events, then codes identified,
    /// then gate transactions of trucks whose tracks ended. `detectorRan` false means the detector
    /// did not look at this frame: the tracker then only ages its tracks, twice a second, so that
    /// objects that left are let go even when nothing moves any more.
    public func process(_ frame: Frame, detections: [Detection], motion: [Rect], detectorRan: Bool = true) -> [NewEvent] {
        let time = frame.info.mediaTime
        if !detectorRan {
            guard time - (lastUpdate ?? -.infinity) >= 0.5 else { return [] }
        }
        lastUpdate = time
        let step = tracker.update(detections, at: time, motion: motion)
        lastConfirmed = step.confirmed
        var events = step.events.map(builder.event)
        let sceneEvents = monitor.update(step)
        events += sceneEvents.map(builder.event)
        noteCargo(step)
        noteGates(sceneEvents)
        events += absorbReads(step, at: time)
        events += readCodes(frame, step)
        readPlates(frame, step)
        for removed in endingOrder(step.removed) {
            events += finishTrack(removed, at: time)
        }
        events += finishWaitingTracks(at: time)
        if let snapshots {
            for index in events.indices {
                guard let track = events[index].track else { continue }
                events[index].snapshotJPEG = snapshots.snapshot(of: frame, box: track.box, label: "\(track.label) \(track.id)")
            }
        }
        return finishVisits(events, at: time)
    }

    /// With a lane of several cameras, this camera's visit records go to the lane, and the
    /// lane's visits that are complete come back, merged. Finished visits are held against the
    /// expected visits.
    private func finishVisits(_ events: [NewEvent], at time: Double, finished: Bool = false) -> [NewEvent] {
        let shared = mergeWithLane(events, at: time, finished: finished)
        guard let list = settings.expectedVisits?.value, list.count > 0 else { return shared }
        let check = ExpectedVisitCheck(list: list)
        return shared.flatMap(check.apply)
    }

    private func mergeWithLane(_ events: [NewEvent], at time: Double, finished: Bool) -> [NewEvent] {
        guard let lane = settings.laneVisits, lane.cameras.count > 1 else { return events }
        var kept: [NewEvent] = []
        for event in events {
            guard var part = lanePending.removeValue(forKey: event.id) else {
                kept.append(event)
                continue
            }
            part.event = event
            lane.submit(part)
        }
        let open = trucks.values.compactMap(\.firstSeen).min().map(builder.time)
        return kept + lane.poll(camera: settings.camera, now: builder.time(time), openSince: finished ? nil : open, finished: finished)
    }

    /// The events still owed when the footage ends: every track ends (`object.left`, `zone.left`),
    /// codes decided on them are announced, and trucks that passed a gate get their transaction.
    public func finish(at time: Double) -> [NewEvent] {
        let step = tracker.endAll(at: time)
        var events = step.events.map(builder.event)
        events += monitor.update(step).map(builder.event)
        for removed in endingOrder(step.removed) {
            events += finishTrack(removed, at: time)
        }
        // The footage ended: wait for the reads still out, then finish their tracks.
        if let client = readClient {
            let clock = ContinuousClock(), deadline = clock.now + .seconds(30)
            while !client.idle, clock.now < deadline { Thread.sleep(forTimeInterval: 0.01) }
            events += absorbReads(step, at: time)
        }
        events += finishWaitingTracks(at: time, all: true)
        reading.removeAll()
        plateReading.removeAll()
        trucks.removeAll()
        return finishVisits(events, at: time, finished: true)
    }

    /// The shared reading service's handle, when codes or plates are read there.
    private var readClient: CodeReadClient? {
        if case let .background(client) = codes { return client }
        if case let .background(client) = plates { return client }
        return nil
    }

    // MARK: - Gates

    /// Marks the trucks that passed a gate: by their own track, or by a container track riding on
    /// them (a weakly detected truck may miss the line while its container does not).
    private func noteGates(_ events: [TrackEvent]) {
        for event in events {
            let place: String? = switch event.kind {
            case let .lineCrossed(line, _): line
            case let .zoneEntered(zone): zone
            default: nil
            }
            guard let place, settings.gates.contains(place) else { continue }
            var direction: String?
            if case let .lineCrossed(_, way) = event.kind { direction = way }
            let owners: [Int]
            if event.track.category == .vehicle && event.track.label == "truck" {
                owners = [event.track.id]
            } else if event.track.category == .container {
                owners = trucks.keys.sorted().filter { trucks[$0]?.containerTracks.contains(event.track.id) == true }
            } else {
                owners = []
            }
            for owner in owners {
                var pass = trucks[owner] ?? TruckPass()
                if !pass.gates.contains(place) { pass.gates.append(place) }
                // The last crossing tells the way it went: a truck that backs out crosses again.
                if let direction { pass.direction = direction }
                trucks[owner] = pass
            }
        }
    }

    /// Containers riding on a truck: container tracks mostly inside a truck's box.
    private func noteCargo(_ step: TrackerStep) {
        let confirmed = step.confirmed
        for truck in confirmed where truck.category == .vehicle && truck.label == "truck" {
            var pass = trucks[truck.id] ?? TruckPass()
            if truck.box.area > pass.largestBox?.area ?? 0 { pass.largestBox = truck.box }
            pass.noteCentre(truck.box)
            if pass.firstSeen == nil { pass.firstSeen = truck.firstSeen }
            for container in confirmed where container.category == .container && container.box.fractionInside(truck.box) > 0.6 {
                pass.containerTracks.insert(container.id)
                pass.containerBoxes[container.id] = container.box
            }
            trucks[truck.id] = pass
        }
    }

    /// Tracks that ended together, in the order they are finished (`endsBefore`).
    private func endingOrder(_ removed: [TrackSnapshot]) -> [TrackSnapshot] {
        removed.sorted { endsBefore($0.id, $1.id) }
    }

    /// True when track `a` is finished before track `b`: containers before the trucks that
    /// carried them, so that a truck's transaction lists the codes decided as their tracks end.
    private func endsBefore(_ a: Int, _ b: Int) -> Bool {
        (trucks[a] == nil ? 0 : 1, a) < (trucks[b] == nil ? 0 : 1, b)
    }

    private func finishTrack(_ snapshot: TrackSnapshot, at time: Double) -> [NewEvent] {
        if let client = readClient, waitsForReads(snapshot.id, client) {
            finishing[snapshot.id] = snapshot
            return []
        }
        return endTrack(snapshot, at: time)
    }

    /// The track's last events: its code, and its gate transaction if it is a truck that passed one.
    private func endTrack(_ snapshot: TrackSnapshot, at time: Double) -> [NewEvent] {
        var events = identify(snapshot.id, snapshot, at: time, final: true)
        reading[snapshot.id] = nil
        let plates = plateReading.removeValue(forKey: snapshot.id)
        if let pass = trucks.removeValue(forKey: snapshot.id) { events += transaction(pass, snapshot, plates: plates, at: time) }
        return events
    }

    private func transaction(_ pass: TruckPass, _ truck: TrackSnapshot, plates: TrackPlates?, at time: Double) -> [NewEvent] {
        guard !pass.gates.isEmpty else { return [] }
        let carried = pass.containerTracks.compactMap { id in decided[id].map { CarriedContainer(identity: $0, box: pass.containerBoxes[id]) } }
        var shown = truck
        if let box = pass.largestBox { shown.box = box }
        var event = builder.transaction(truck: shown, pass: pass, containers: pass.containersFromCab(carried: carried),
                                        plate: plates?.payload, plateCrop: plates?.crop, lane: settings.lane ?? settings.camera, at: time)
        // The passage from a little before the truck came to now, a little after it was last seen.
        event.clipMP4 = clips?(truck.firstSeen - settings.clipLeadIn, time)
        if let lane = settings.laneVisits, lane.cameras.count > 1 {
            lanePending[event.id] = VisitPart(camera: settings.camera, event: event, entered: builder.time(truck.firstSeen),
                                              left: builder.time(truck.lastSeen))
        }
        return [event]
    }

    // MARK: - Container codes

    private var decided: [Int: ContainerIdentity] = [:]

    /// The code decided on a track, with `?` when it needs review.
    func decidedCode(_ id: Int) -> String? {
        decided[id].map { $0.payload.code + ($0.payload.needsReview ? "?" : "") }
    }

    /// True when a track's reads (codes or plates), or those of the containers a truck carries, are
    /// still out: its code (or its transaction's) is not decided yet.
    private func waitsForReads(_ id: Int, _ client: CodeReadClient) -> Bool {
        if client.pending(track: id) > 0 { return true }
        guard let pass = trucks[id] else { return false }
        return pass.containerTracks.contains { client.pending(track: $0) > 0 || finishing[$0] != nil }
    }

    /// Finishes the tracks that ended while reads were out, once the reads are back (or all of
    /// them): containers first, so that a truck's transaction has their codes.
    private func finishWaitingTracks(at time: Double, all: Bool = false) -> [NewEvent] {
        guard !finishing.isEmpty, let client = readClient else { return [] }
        var events: [NewEvent] = []
        let order = finishing.keys.sorted(by: endsBefore)
        for id in order where all || !waitsForReads(id, client) {
            events += endTrack(finishing.removeValue(forKey: id)!, at: time)
        }
        return events
    }

    /// Adds the reads that came back from the reading service to their tracks' votes.
    private func absorbReads(_ step: TrackerStep, at time: Double) -> [NewEvent] {
        guard let client = readClient else { return [] }
        var events: [NewEvent] = []
        for result in client.collect() {
            if result.kind == .plates {
                addPlates(result.plates, crops: result.crops, track: result.track)
                continue
            }
            guard var state = reading[result.track], !state.done else { continue }
            for read in result.reads {
                try? state.add(read, crop: result.crops[read.code.string])
            }
            reading[result.track] = state
            // A track still in view is announced as soon as its votes are sure; one that ended waits in `finishing`.
            if let track = step.confirmed.first(where: { $0.id == result.track }) {
                events += identify(track.id, track, at: time, final: false)
            }
        }
        return events
    }

    /// Reads codes on container tracks (and on trucks that carry no container track), at most once
    /// per `readInterval` and `maxReadsPerTrack` times per track.
    private func readCodes(_ frame: Frame, _ step: TrackerStep) -> [NewEvent] {
        guard let codes else { return [] }
        let time = frame.info.mediaTime
        let confirmed = step.confirmed
        var events: [NewEvent] = []
        for track in confirmed where wantsRead(track, among: confirmed) {
            var state = reading[track.id] ?? TrackReading()
            guard !state.done, state.reads < settings.maxReadsPerTrack,
                  time - (state.lastRead ?? -.infinity) >= settings.readInterval else {
                reading[track.id] = state
                continue
            }
            state.reads += 1
            state.lastRead = time
            let region = track.box.padded(by: max(8, track.box.height / 10), within: frame.image.width, frame.image.height)
            switch codes {
            case let .background(client):
                reading[track.id] = state
                client.submit(track: track.id, mediaTime: time, image: frame.image, region: region)
                continue
            case let .inline(reader):
                do {
                    for read in try reader.read(frame.image, region: region, expected: settings.codeRules.expectedCodes) {
                        try state.add(read, crop: closeUps?.closeUp(of: frame.image, box: read.box))
                    }
                } catch {
                    logger.warning("code reader failed", metadata: ["track": "\(track.id)", "error": "\(error)"])
                }
            }
            reading[track.id] = state
            events += identify(track.id, track, at: time, final: false)
        }
        return events
    }

    private func wantsRead(_ track: TrackSnapshot, among tracks: [TrackSnapshot]) -> Bool {
        if track.category == .container { return true }
        guard track.category == .vehicle, track.label == "truck" else { return false }
        return !tracks.contains { $0.category == .container && $0.box.fractionInside(track.box) > 0.6 }
    }

    /// Emits `container.identified` once per track: as soon as the votes are sure, or when the
    /// track ends with whatever the votes say (then usually `needs_review`). A code identified on
    /// this camera is not announced again within `reannounceAfter` (a truck and its container both
    /// read it).
    private func identify(_ id: Int, _ snapshot: TrackSnapshot, at time: Double, final: Bool) -> [NewEvent] {
        guard var state = reading[id], !state.done, state.voter.readCount > 0 else { return [] }
        state.voter.search.expected = settings.codeRules.expectedCodes
        guard let decision = try? state.voter.decision() else { return [] }
        var reasons = decision.reviewReasons
        if decision.level < settings.codeRules.identifyLevel {
            reasons.append(.levelBelowMinimum(decision.level, minimum: settings.codeRules.identifyLevel))
        }
        guard final || reasons.isEmpty else { return [] }
        state.done = true
        reading[id] = state
        let sizeType = state.sizeTypes.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }
        let sizeTypeShare = sizeType.map { $0.value / state.sizeTypes.values.reduce(0, +) }
        let corrected = Set(decision.expectedMatch?.correctedPositions ?? []).union(state.corrections[decision.code.string] ?? [])
        let identity = ContainerIdentity(decision, sizeType: sizeType?.key, sizeTypeConfidence: sizeTypeShare, reasons: reasons,
                                         corrected: corrected.sorted(), crop: state.crops[decision.code.string]?.jpeg)
        decided[id] = identity
        if snapshot.category == .vehicle, var pass = trucks[id] {
            pass.codes.append(identity)
            trucks[id] = pass
        }
        identifiedCodes = identifiedCodes.filter { time - $0.value < settings.reannounceAfter }
        guard identifiedCodes[identity.payload.code] == nil else { return [] }
        identifiedCodes[identity.payload.code] = time
        return [builder.identified(identity, track: snapshot, at: time)]
    }
}

/// What is known about reading one track's code.
struct TrackReading {
    var voter = ContainerCodeVoter()
    var reads = 0
    var lastRead: Double?
    /// Size/type codes read, each weighed by the reads' confidence in it.
    var sizeTypes: [String: Double] = [:]
    /// Characters the list corrected in reads resolved to an expected code, by code.
    var corrections: [String: Set<Int>] = [:]
    /// The close-up of each code's surest read.
    var crops: [String: ScoredCrop] = [:]
    var done = false

    /// Adds a read to the vote, weighed by its own confidence: the expected list is counted once,
    /// when the votes are decided. `crop` is its close-up.
    mutating func add(_ read: ContainerCodeRead, crop: Data? = nil) throws {
        try voter.add(code: read.code.string, confidence: read.confidenceWithoutList)
        if let crop { crops[read.code.string, default: ScoredCrop()].offer(crop, confidence: read.confidenceWithoutList) }
        if let sizeType = read.sizeType { sizeTypes[sizeType, default: 0] += read.sizeTypeConfidence ?? 1 }
        if read.level == .expected { corrections[read.code.string, default: []].formUnion(read.correctedPositions) }
    }
}


