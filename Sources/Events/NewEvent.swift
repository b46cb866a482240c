import Foundation

/// An event as a producer submits it: its content and, optionally, a JPEG of the moment, before
/// the store gives it a sequence number. Reads and writes the content's fields by name.
@dynamicMemberLookup
public struct NewEvent: Sendable, Hashable {
    /// What happened.
    public var content: EventContent
    /// A JPEG picture of the moment; the store writes it to a file and keeps the path.
    public var snapshotJPEG: Data?
    /// Close-up JPEGs (a visit's plate and container codes); the store writes each to a file
    /// beside the snapshot and keeps their paths by name.
    public var crops: [EventCrop] = []
    /// A video clip of the moment (a visit's passage) in MP4; stored beside the snapshot.
    public var clipMP4: Data?

    /// Creates an event from its content.
    public init(_ content: EventContent, snapshotJPEG: Data? = nil) {
        self.content = content
        self.snapshotJPEG = snapshotJPEG
    }

    /// Creates an event; the arguments are `EventContent`'s.
    public init(
        id: String, type: EventType, camera: String, time: Date, mediaTimeS: Double? = nil,
        track: TrackPayload? = nil, container: ContainerPayload? = nil, zones: [String]? = nil,
        zone: ZonePayload? = nil, line: LinePayload? = nil, transaction: GateTransactionPayload? = nil,
        cameraState: CameraStatePayload? = nil, snapshotJPEG: Data? = nil
    ) {
        content = EventContent(
            id: id, type: type, camera: camera, time: time, mediaTimeS: mediaTimeS, track: track, container: container,
            zones: zones, zone: zone, line: line, transaction: transaction, cameraState: cameraState)
        self.snapshotJPEG = snapshotJPEG
    }

    /// A field of the content.
    public subscript<Value>(dynamicMember field: WritableKeyPath<EventContent, Value>) -> Value {
        get { content[keyPath: field] }
        set { content[keyPath: field] = newValue }
    }

    /// Throws `EventStoreError.invalidEvent` when the event cannot be stored (see `EventContent.validate()`).
    public func validate() throws(EventStoreError) {
        try content.validate()
        for crop in crops where !crop.hasSafeName || crops.filter({ $0.name == crop.name }).count > 1 {
            throw .invalidEvent(id: content.id, camera: content.camera,
                                reason: "crop name '\(crop.name)' must be unique and 1 to 40 letters, digits, '_' or '-'; fix the producer")
        }
    }
}

/// A named close-up JPEG of an event: `plate`, or a container's code.
public struct EventCrop: Sendable, Hashable {
    /// The name it is kept under (a file name part): letters, digits, `_` and `-`.
    public var name: String
    /// The JPEG bytes.
    public var jpeg: Data

    /// A crop named `name`.
    public init(name: String, jpeg: Data) {
        self.name = name
        self.jpeg = jpeg
    }

    var hasSafeName: Bool {
        (1...40).contains(name.utf8.count) && name.utf8.allSatisfy { byte in
            (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }
}
