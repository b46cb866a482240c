import Events
import Foundation
import ServiceLifecycle

/// Sends one SSE stream: first the stored events after the client's seq, then live ones.
///
/// The handover, with no gap and no duplicate:
/// 1. The caller subscribes to live events *before* anything is read from the store, so every
///    event committed from then on is in the live stream.
/// 2. `lastSequence` is read: every event above it is certain to come live.
/// 3. The store is read page by page from the client's seq to its end, sending each event.
/// 4. The cursor moves to at least that last seq; live events at or below the cursor were sent
///    in step 3 (or were filtered out) and are skipped.
/// 5. A live event more than one past the cursor means the live buffer dropped some: they are
///    read from the store before it. Retention may have deleted some: the store says so by
///    not returning them, and the stream moves on.
///
/// On graceful shutdown the stream ends cleanly (a browser's EventSource then reconnects to the
/// next daemon with `Last-Event-ID`), so open streams never hold the server's shutdown up.
struct EventStreamer: Sendable {
    let store: any EventStore
    let keepAliveInterval: Duration
    /// Events read from the store per query while catching up.
    var pageSize = 200

    /// Streams until the live stream ends (the queue finished), the service group shuts down
    /// gracefully, the client goes away (`send` throws) or the task is cancelled.
    func run(query: EventsQuery, live: AsyncStream<StoredEvent>, send: (String) async throws -> Void) async throws {
        // One input stream for live events and keep-alive ticks, so one loop serves both. Its
        // buffer keeps the newest; an event dropped here is a gap, filled from the store.
        let (inputs, continuation) = AsyncStream.makeStream(of: StreamInput.self, bufferingPolicy: .bufferingNewest(1024))
        let forwarder = Task {
            for await event in live { continuation.yield(.event(event)) }
            continuation.yield(.liveEnded)
        }
        let interval = keepAliveInterval
        let ticker = Task {
            while (try? await Task.sleep(for: interval)) != nil { continuation.yield(.keepAlive) }
        }
        defer {
            forwarder.cancel()
            ticker.cancel()
            continuation.finish()
        }

        try await withGracefulShutdownHandler {
            try await stream(query: query, inputs: inputs, send: send)
        } onGracefulShutdown: {
            continuation.yield(.shuttingDown)
        }
    }

    private func stream(query: EventsQuery, inputs: AsyncStream<StreamInput>, send: (String) async throws -> Void) async throws {
        let encoder = EventJSON.makeEncoder()
        var cursor = EventStreamCursor(query: query)
        try await send(SSEFrame.opening)
        let committed = try await store.lastSequence
        guard try await readStore(cursor: &cursor, before: nil, encoder: encoder, send: send) else { return }
        cursor.scanned(through: committed)

        for await input in inputs {
            switch input {
            case .keepAlive:
                try await send(SSEFrame.keepAlive)
            case .liveEnded, .shuttingDown:
                return
            case .event(let event):
                var decision = cursor.live(event)
                if decision == .fillGap {
                    guard try await readStore(cursor: &cursor, before: event.seq, encoder: encoder, send: send) else { return }
                    decision = cursor.live(event)
                }
                if decision == .send {
                    try await send(SSEFrame.event(event, json: event.jsonLine(using: encoder)))
                }
            }
        }
    }

    /// Sends the stored events after the cursor that match, page by page, up to the store's end
    /// or to just before `limit`. Returns false when it stopped early for a graceful shutdown:
    /// the cursor is then only as far as what was sent, and the stream must end.
    private func readStore(
        cursor: inout EventStreamCursor, before limit: Int64?, encoder: JSONEncoder, send: (String) async throws -> Void
    ) async throws -> Bool {
        // A long catch-up stops early on shutdown; the client resumes from its last id.
        while !Task.isShuttingDownGracefully {
            let page = try await store.events(
                since: cursor.position, limit: pageSize, camera: cursor.query.camera, type: cursor.query.type)
            for event in page.events {
                if let limit, event.seq >= limit {
                    cursor.scanned(through: limit - 1)
                    return true
                }
                try await send(SSEFrame.event(event, json: event.jsonLine(using: encoder)))
                cursor.sent(event)
            }
            if page.events.count < pageSize {
                // `limit` is committed, so everything below it is too: the store has been read past it.
                if let limit { cursor.scanned(through: limit - 1) }
                return true
            }
        }
        return false
    }
}

/// What the stream loop waits for.
private enum StreamInput: Sendable {
    case event(StoredEvent)
    case keepAlive
    case liveEnded
    case shuttingDown
}
