import Foundation

/// An event as a producer submits it, before the store gives it a sequence number.
///
/// Payloads are typed and optional; which ones are set depends on the type (a `zone.left` has
/// `track` and `zone`, a `camera.offline` has `cameraState`). Nil payloads are left out of the JSON.
public struct NewEvent: Sendable, Hashable {
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
    /// A JPEG picture of the moment; the store writes it to a file and keeps the path.
    public var snapshotJPEG: Data?

    /// Creates an event.
    public init(
        id: String, type: EventType, camera: String, time: Date, mediaTimeS: Double? = nil,
        track: TrackPayload? = nil, container: ContainerPayload? = nil, zones: [String]? = nil,
        zone: ZonePayload? = nil, line: LinePayload? = nil, transaction: GateTransactionPayload? = nil,
        cameraState: CameraStatePayload? = nil, snapshotJPEG: Data? = nil
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
        self.snapshotJPEG = snapshotJPEG
    }

    /// Throws `EventStoreError.invalidEvent` when the event cannot be stored: an empty id, or a
    /// camera id that is empty or would not be a safe folder name for its snapshots.
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
