import Events

/// The text of server-sent events.
enum SSEFrame {
    /// `id: <seq>`, `event: <type>`, `data: <event JSON on one line>`, then a blank line.
    static func event(_ event: StoredEvent, json: String) -> String {
        "id: \(event.seq)\nevent: \(event.type.rawValue)\ndata: \(json)\n\n"
    }

    /// A comment line, which clients ignore: keeps proxies and idle timers from closing the stream.
    static let keepAlive = ": keep-alive\n\n"

    /// The first bytes of a stream: how long a browser's EventSource waits before reconnecting.
    static let opening = "retry: 2000\n\n"
}
