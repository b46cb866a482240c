import Events
import Foundation

/// The JSON a webhook sink posts: `{"events":[...],"sink":"...","site":"..."}`, keys sorted,
/// each event exactly as `EventJSON.makeEncoder()` encodes it (as `/events` serves it).
public struct WebhookBody: Codable, Sendable, Hashable {
    /// The events of the batch, in seq order.
    public var events: [StoredEvent]
    /// The site's name.
    public var site: String
    /// The sink's name.
    public var sink: String

    /// Creates a body.
    public init(site: String, sink: String, events: [StoredEvent]) {
        self.site = site
        self.sink = sink
        self.events = events
    }

    /// The body's bytes, with the event format's encoder (sorted keys, so the same batch always
    /// gives the same bytes and the same signature).
    public func encoded(using encoder: JSONEncoder = EventJSON.makeEncoder()) throws -> Data {
        try encoder.encode(self)
    }

    /// Reads a body a receiver got, with the event format's decoder.
    public static func decode(_ data: Data) throws -> WebhookBody {
        try EventJSON.makeDecoder().decode(WebhookBody.self, from: data)
    }
}
