/// The zone a `zone.entered` or `zone.left` event is about.
public struct ZonePayload: Sendable, Hashable, Codable {
    /// The zone's id from the camera's configuration.
    public var id: String
    /// Seconds the object stayed in the zone (on `zone.left`), by media time.
    public var dwellS: Double?

    /// Creates a zone payload.
    public init(id: String, dwellS: Double? = nil) {
        self.id = id
        self.dwellS = dwellS
    }

    enum CodingKeys: String, CodingKey {
        case id
        case dwellS = "dwell_s"
    }
}
