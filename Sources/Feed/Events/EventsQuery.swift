import Events
import Hummingbird
import HummingbirdCore

/// The parameters of `GET /events` and `GET /events/stream`, checked.
public struct EventsQuery: Sendable, Hashable {
    /// Events with a seq above this one (the last seq the client has).
    public var since: Int64
    /// The most events in one page.
    public var limit: Int
    /// Only this camera's events.
    public var camera: String?
    /// Only events of this type.
    public var type: EventType?

    /// The page size when the client names none.
    public static let defaultLimit = 100
    /// The largest page a client may ask for.
    public static let maxLimit = 1000

    /// Creates a query.
    public init(since: Int64 = 0, limit: Int = EventsQuery.defaultLimit, camera: String? = nil, type: EventType? = nil) {
        self.since = since
        self.limit = limit
        self.camera = camera
        self.type = type
    }

    /// Whether `event` passes the camera and type filters.
    public func matches(_ event: StoredEvent) -> Bool {
        (camera == nil || event.camera == camera) && (type == nil || event.type == type)
    }

    /// Reads the query string; throws a 400 naming the first bad parameter and what is allowed.
    /// Unknown parameters are refused too: a misspelt `sinse=` must not silently mean "from 0".
    static func parse(_ uri: URI, allowLimit: Bool = true) throws(FeedHTTPError) -> EventsQuery {
        var query = EventsQuery()
        let known: Set<Substring> = allowLimit ? ["since", "limit", "camera", "type"] : ["since", "camera", "type"]
        for (key, value) in uri.queryParameters {
            guard known.contains(key) else {
                let names = known.sorted().joined(separator: ", ")
                throw .badParameter(String(key), "unknown parameter '\(key)': this route takes \(names)")
            }
            switch key {
            case "since":
                guard let since = Int64(value), since >= 0 else {
                    throw .badParameter("since", "since must be a whole number, 0 or more (the last seq you have), not '\(value)'")
                }
                query.since = since
            case "limit":
                guard let limit = Int(value), (1...maxLimit).contains(limit) else {
                    throw .badParameter("limit", "limit must be a whole number from 1 to \(maxLimit), not '\(value)'")
                }
                query.limit = limit
            case "camera":
                guard !value.isEmpty, value.utf8.count <= 100 else {
                    throw .badParameter("camera", "camera must be a camera id (1 to 100 characters), not '\(value)'")
                }
                query.camera = String(value)
            default:
                guard let type = EventType(rawValue: String(value)) else {
                    let types = EventType.allCases.map(\.rawValue).joined(separator: ", ")
                    throw .badParameter("type", "type must be one of \(types), not '\(value)'")
                }
                query.type = type
            }
        }
        return query
    }
}
