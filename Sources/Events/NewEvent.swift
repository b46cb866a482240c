import Foundation

/// An event as a producer submits it: its content and, optionally, a JPEG of the moment, before
/// the store gives it a sequence number. Reads and writes the content's fields by name.
@dynamicMemberLookup
public struct NewEvent: Sendable, Hashable {
    /// What happened.
    public var content: EventContent
    /// A JPEG picture of the moment; the store writes it to a file and keeps the path.
    public var snapshotJPEG: Data?

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
    }
}
