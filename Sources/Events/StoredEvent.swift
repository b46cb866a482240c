import Foundation

/// An event as the store keeps and serves it: the submitted content plus its sequence number and
/// the relative path of its snapshot. This is the JSON object of the feed, MQTT and webhooks.
/// Reads and writes the content's fields by name.
@dynamicMemberLookup
public struct StoredEvent: Sendable, Hashable {
    /// The store's sequence number: 1 for the first event ever stored, one more for each next one,
    /// never reused (not even after retention has deleted every event).
    public var seq: Int64
    /// What happened.
    public var content: EventContent
    /// The snapshot's path relative to the store's folder (`snapshots/gate1/1842.jpg`), if any.
    public var snapshot: String?
    /// The crops' paths by name (`plate` → `snapshots/gate1/1842-plate.jpg`).
    public var crops: [String: String]
    /// The clip's path (`snapshots/gate1/1842-clip.mp4`), if any.
    public var clip: String?

    /// The stored form of `event`, with its time rounded to milliseconds as the JSON keeps it.
    public init(seq: Int64, snapshot: String?, crops: [String: String] = [:], clip: String? = nil, event: NewEvent) {
        self.seq = seq
        self.content = event.content
        self.content.time = EventTime.normalised(event.time)
        self.snapshot = snapshot
        self.crops = crops
        self.clip = clip
    }

    /// A field of the content.
    public subscript<Value>(dynamicMember field: WritableKeyPath<EventContent, Value>) -> Value {
        get { content[keyPath: field] }
        set { content[keyPath: field] = newValue }
    }
}

extension StoredEvent: Codable {
    /// Decodes the feed's JSON object.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: EventContent.CodingKeys.self)
        seq = try values.decode(Int64.self, forKey: .seq)
        content = try EventContent(from: values)
        snapshot = try values.decodeIfPresent(String.self, forKey: .snapshot)
        crops = try values.decodeIfPresent([String: String].self, forKey: .crops) ?? [:]
        clip = try values.decodeIfPresent(String.self, forKey: .clip)
    }

    /// Encodes the feed's JSON object; nil payloads are left out.
    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: EventContent.CodingKeys.self)
        try values.encode(seq, forKey: .seq)
        try content.encode(into: &values)
        try values.encodeIfPresent(snapshot, forKey: .snapshot)
        if !crops.isEmpty { try values.encode(crops, forKey: .crops) }
        try values.encodeIfPresent(clip, forKey: .clip)
    }
}
