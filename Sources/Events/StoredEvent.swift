import Foundation

/// An event as the store keeps and serves it: the submitted event plus its sequence number and
/// the relative path of its snapshot. This is the JSON object of the feed, MQTT and webhooks.
public struct StoredEvent: Sendable, Hashable {
    /// The store's sequence number: 1 for the first event ever stored, one more for each next one,
    /// never reused (not even after retention has deleted every event).
    public var seq: Int64
    /// The producer's id for the event.
    public var id: String
    /// What happened.
    public var type: EventType
    /// The camera's id.
    public var camera: String
    /// Wall-clock time, to the millisecond.
    public var time: Date
    /// Position in the stream or file, in seconds.
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
    /// The snapshot's path relative to the store's folder (`snapshots/gate1/1842.jpg`), if any.
    public var snapshot: String?

    /// The stored form of `event`, with its time rounded to milliseconds as the JSON keeps it.
    public init(seq: Int64, snapshot: String?, event: NewEvent) {
        self.seq = seq
        self.id = event.id
        self.type = event.type
        self.camera = event.camera
        self.time = EventTime.normalised(event.time)
        self.mediaTimeS = event.mediaTimeS
        self.track = event.track
        self.container = event.container
        self.zones = event.zones
        self.zone = event.zone
        self.line = event.line
        self.transaction = event.transaction
        self.cameraState = event.cameraState
        self.snapshot = snapshot
    }
}

extension StoredEvent: Codable {
    enum CodingKeys: String, CodingKey {
        case seq, id, type, camera, time, track, container, zones, zone, line, transaction, snapshot
        case mediaTimeS = "media_time_s"
        case cameraState = "camera_state"
    }

    /// Decodes the feed's JSON object.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        seq = try values.decode(Int64.self, forKey: .seq)
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
        snapshot = try values.decodeIfPresent(String.self, forKey: .snapshot)
    }

    /// Encodes the feed's JSON object; nil payloads are left out.
    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(seq, forKey: .seq)
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
        try values.encodeIfPresent(snapshot, forKey: .snapshot)
    }
}
