import Foundation

/// What happened, in the one shape that producers submit and the store keeps: `NewEvent` adds the
/// snapshot's pixels to it, `StoredEvent` its sequence number and snapshot path.
///
/// Payloads are typed and optional; which ones are set depends on the type (a `zone.left` has
/// `track` and `zone`, a `camera.offline` has `cameraState`). Nil payloads are left out of the JSON.
public struct EventContent: Sendable, Hashable {
    /// The producer's id for the event, unique per camera (`gate1-20261129T101502.120Z-0007`).
    /// A redelivered event keeps it, so consumers can drop duplicates.
    public var id: String
    /// What happened.
    public var type: EventType
    /// The camera's id from the configuration: letters, digits, `.`, `_` and `-`.
    public var camera: String
    /// Wall-clock time of the frame the event comes from; kept to the millisecond.
    public var time: Date
    /// Position in the stream or file, in seconds; what replays are timed by.
    public var mediaTimeS: Double?
    /// The tracked object.
    public var track: TrackPayload?
    /// The container code read.
    public var container: ContainerPayload?
    /// The zones the object is in.
    public var zones: [String]?
    /// The zone entered or left.
    public var zone: ZonePayload?
    /// The line crossed.
    public var line: LinePayload?
    /// The gate transaction.
    public var transaction: GateTransactionPayload?
    /// The camera's new state.
    public var cameraState: CameraStatePayload?

    /// Creates an event's content.
    public init(
        id: String, type: EventType, camera: String, time: Date, mediaTimeS: Double? = nil,
        track: TrackPayload? = nil, container: ContainerPayload? = nil, zones: [String]? = nil,
        zone: ZonePayload? = nil, line: LinePayload? = nil, transaction: GateTransactionPayload? = nil,
        cameraState: CameraStatePayload? = nil
    ) {
        self.id = id
        self.type = type
        self.camera = camera
        self.time = time
        self.mediaTimeS = mediaTimeS
        self.track = track
        self.container = container
        self.zones = zones
        self.zone = zone
        self.line = line
        self.transaction = transaction
        self.cameraState = cameraState
    }

    /// Throws `EventStoreError.invalidEvent` when the event cannot be stored: an empty id, a
    /// camera id that is empty or would not be a safe folder name for its snapshots, or a time,
    /// score or confidence that is not a finite number.
    public func validate() throws(EventStoreError) {
        if id.isEmpty {
            throw .invalidEvent(id: id, camera: camera, reason: "the event id is empty; producers must give every event an id")
        }
        let allowed = camera.utf8.allSatisfy { byte in
            (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
        if camera.isEmpty || !allowed || camera.hasPrefix(".") || camera.utf8.count > 100 {
            throw .invalidEvent(
                id: id, camera: camera,
                reason: "camera ids must be 1 to 100 letters, digits, '.', '_' or '-', not starting with '.'; rename the camera in the configuration"
            )
        }
        var numbers: [Double] = [mediaTimeS, zone?.dwellS, track.map { Double($0.score) }, container?.confidence].compactMap { $0 }
        if let transaction {
            numbers += [transaction.enteredMediaTimeS, transaction.leftMediaTimeS] + transaction.containers.map(\.confidence)
        }
        if !time.timeIntervalSince1970.isFinite || numbers.contains(where: { !$0.isFinite }) {
            throw .invalidEvent(id: id, camera: camera, reason: "a time, score or confidence is not a finite number; fix the producer")
        }
    }
}

extension EventContent {
    /// The JSON keys of an event object; `StoredEvent` adds `seq`, `snapshot`, `crops` and `clip` beside these.
    enum CodingKeys: String, CodingKey {
        case seq, id, type, camera, time, track, container, zones, zone, line, transaction, snapshot, crops, clip
        case mediaTimeS = "media_time_s"
        case cameraState = "camera_state"
    }

    /// Reads the content's keys of an event object.
    init(from values: KeyedDecodingContainer<CodingKeys>) throws {
        id = try values.decode(String.self, forKey: .id)
        type = try values.decode(EventType.self, forKey: .type)
        camera = try values.decode(String.self, forKey: .camera)
        let timeText = try values.decode(String.self, forKey: .time)
        guard let parsed = EventTime.date(timeText) else {
            throw DecodingError.dataCorruptedError(
                forKey: .time, in: values, debugDescription: "expected ISO 8601 UTC time like 2026-11-29T10:15:02.120Z, got \(timeText)")
        }
        time = parsed
        mediaTimeS = try values.decodeIfPresent(Double.self, forKey: .mediaTimeS)
        track = try values.decodeIfPresent(TrackPayload.self, forKey: .track)
        container = try values.decodeIfPresent(ContainerPayload.self, forKey: .container)
        zones = try values.decodeIfPresent([String].self, forKey: .zones)
        zone = try values.decodeIfPresent(ZonePayload.self, forKey: .zone)
        line = try values.decodeIfPresent(LinePayload.self, forKey: .line)
        transaction = try values.decodeIfPresent(GateTransactionPayload.self, forKey: .transaction)
        cameraState = try values.decodeIfPresent(CameraStatePayload.self, forKey: .cameraState)
    }

    /// Writes the content's keys into an event object; nil payloads are left out.
    func encode(into values: inout KeyedEncodingContainer<CodingKeys>) throws {
        try values.encode(id, forKey: .id)
        try values.encode(type, forKey: .type)
        try values.encode(camera, forKey: .camera)
        try values.encode(EventTime.string(time), forKey: .time)
        try values.encodeIfPresent(mediaTimeS, forKey: .mediaTimeS)
        try values.encodeIfPresent(track, forKey: .track)
        try values.encodeIfPresent(container, forKey: .container)
        try values.encodeIfPresent(zones, forKey: .zones)
        try values.encodeIfPresent(zone, forKey: .zone)
        try values.encodeIfPresent(line, forKey: .line)
        try values.encodeIfPresent(transaction, forKey: .transaction)
        try values.encodeIfPresent(cameraState, forKey: .cameraState)
    }
}
