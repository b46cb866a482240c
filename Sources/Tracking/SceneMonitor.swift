/// Zone and line events for one camera, from the tracker's steps.
///
/// Each confirmed track is placed by its box's bottom-centre point, where the object meets the ground:
/// zones and lines are drawn on the road, and a tall truck's box centre can be metres away from where
/// it stands. Lost tracks are not moved (their box is only a prediction); they keep their zones until
/// they are matched again or removed.
///
/// Both zones and lines use a hysteresis margin so that a point jittering on a boundary does not
/// produce a stream of events: a track enters a zone only when its point is inside by more than the
/// margin, leaves only when outside by more than the margin, and crosses a line only when it was
/// beyond the margin on one side and then beyond it on the other. A track crosses a given line at most
/// once in its life (a vehicle that backs out again is not counted twice).
public struct SceneMonitor: Sendable {
    /// The zones, in the order their events are reported.
    public let zones: [Zone]
    /// The counting lines, in the order their events are reported.
    public let lines: [CountingLine]
    /// The hysteresis margin in pixels.
    public let margin: Double

    /// Per-track state, looked up by id only (never iterated, so its order cannot leak into events).
    private var places: [Int: TrackPlaces] = [:]

    /// Creates a monitor; zone ids and line ids must each be unique. The margin (default 4 px) should be
    /// larger than the boxes' frame-to-frame jitter.
    public init(zones: [Zone], lines: [CountingLine], margin: Double = 4) throws(SceneConfigurationError) {
        for ids in [zones.map(\.id), lines.map(\.id)] {
            var seen = Set<String>()
            for id in ids where !seen.insert(id).inserted { throw .duplicateID(id) }
        }
        self.zones = zones
        self.lines = lines
        self.margin = max(0, margin)
    }

    /// The zone and line events of one tracker step: live tracks by id, then removed tracks by id.
    public mutating func update(_ step: TrackerStep) -> [TrackEvent] {
        var events: [TrackEvent] = []
        // A tentative track's first clear side of each line is remembered, so an object that crosses
        // while it is still being confirmed (a car coming out from behind a truck) is counted when it
        // is confirmed.
        for track in step.tracks where track.state == .tentative {
            var place = places[track.id] ?? TrackPlaces(zoneCount: zones.count, lineCount: lines.count)
            for (index, line) in lines.enumerated() { place.lines[index].prime(track.box.bottomCentre, on: line, margin: margin) }
            places[track.id] = place
        }
        for track in step.tracks where track.state == .confirmed {
            var place = places[track.id] ?? TrackPlaces(zoneCount: zones.count, lineCount: lines.count)
            let ground = track.box.bottomCentre
            for (index, zone) in zones.enumerated() {
                if let kind = place.zones[index].observe(ground, in: zone, margin: margin, at: step.time) {
                    events.append(TrackEvent(kind: kind, time: step.time, track: track))
                }
            }
            for (index, line) in lines.enumerated() {
                if let kind = place.lines[index].observe(ground, on: line, margin: margin) {
                    events.append(TrackEvent(kind: kind, time: step.time, track: track))
                }
            }
            places[track.id] = place
        }
        for track in step.removed {
            guard let place = places.removeValue(forKey: track.id) else { continue }
            for (index, zone) in zones.enumerated() {
                guard let enteredAt = place.zones[index].enteredAt else { continue }
                let dwell = place.zones[index].lastInside - enteredAt
                events.append(TrackEvent(kind: .zoneLeft(zone: zone.id, dwell: dwell), time: step.time, track: track))
            }
        }
        return events
    }
}

/// Where one track stands relative to every zone and line.
struct TrackPlaces: Sendable {
    var zones: [ZonePresence]
    var lines: [LineProgress]

    init(zoneCount: Int, lineCount: Int) {
        zones = Array(repeating: ZonePresence(), count: zoneCount)
        lines = Array(repeating: LineProgress(), count: lineCount)
    }
}

/// One track in one zone.
struct ZonePresence: Sendable {
    /// When it entered, or nil when outside.
    var enteredAt: Double?
    /// The latest time it was seen inside; a removed track's dwell ends here, not at its removal.
    var lastInside = 0.0

    mutating func observe(_ point: Point, in zone: Zone, margin: Double, at time: Double) -> TrackEvent.Kind? {
        let inside = zone.contains(point)
        let clear = zone.distanceToBoundary(point) > margin
        if let enteredAt {
            if inside {
                lastInside = time
            } else if clear {
                self.enteredAt = nil
                return .zoneLeft(zone: zone.id, dwell: time - enteredAt)
            }
        } else if inside, clear {
            enteredAt = time
            lastInside = time
            return .zoneEntered(zone: zone.id)
        }
        return nil
    }
}

/// One track and one line: the last side it was clearly on, and whether it has crossed.
struct LineProgress: Sendable {
    /// +1 right of the line, -1 left, 0 not yet clearly on either side.
    var side = 0
    /// Where it was when last clearly on `side`.
    var point = Point(x: 0, y: 0)
    var counted = false

    /// Notes the first side the track is clearly on, without counting anything.
    mutating func prime(_ ground: Point, on line: CountingLine, margin: Double) {
        let distance = line.signedDistance(ground)
        guard side == 0, abs(distance) > margin else { return }
        side = distance > 0 ? 1 : -1
        point = ground
    }

    mutating func observe(_ ground: Point, on line: CountingLine, margin: Double) -> TrackEvent.Kind? {
        let distance = line.signedDistance(ground)
        guard abs(distance) > margin else { return nil }
        let newSide = distance > 0 ? 1 : -1
        defer {
            side = newSide
            point = ground
        }
        // The path between the two clear points must pass through the segment itself, not its extension.
        guard side != 0, newSide != side, !counted,
              PlaneGeometry.pathCrossesSegment(from: point, to: ground, line.start, line.end)
        else { return nil }
        counted = true
        return .lineCrossed(line: line.id, direction: side < 0 ? line.leftToRight : line.rightToLeft)
    }
}
