import Events
import Foundation
import Hummingbird
import Logging
import Metrics

/// The routes' work, apart from the routing.
struct FeedHandlers: Sendable {
    let store: any EventStore
    let status: any FeedStatusSource
    let snapshots: any SnapshotSource
    let subscriber: EventSubscriber
    let statusMetrics: StatusMetrics
    let configuration: FeedConfiguration
    let logger: Logger
    let streams: Meter
    let streamSlots: StreamSlots

    /// 200 when every camera that readiness watches is online, else 503 naming the others.
    func readiness() -> Response {
        let snapshot = status.statusSnapshot()
        let watched = configuration.readinessCameras ?? snapshot.cameras.map(\.id)
        let notOnline = watched.compactMap { id -> CameraReadiness? in
            guard let camera = snapshot.cameras.first(where: { $0.id == id }) else {
                return CameraReadiness(id: id, state: "missing")
            }
            return camera.state == .online ? nil : CameraReadiness(id: id, state: camera.state.rawValue)
        }
        return FeedJSON.response(
            ReadinessBody(status: notOnline.isEmpty ? "ready" : "not_ready", notOnline: notOnline),
            status: notOnline.isEmpty ? .ok : .serviceUnavailable)
    }

    /// The Prometheus text: the status board's gauges, set now, and every other registered metric.
    func metrics() -> Response {
        let text = statusMetrics.render(status.statusSnapshot())
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: text)))
    }

    /// One page of events from the store.
    func events(_ request: Request) async throws -> Response {
        let query = try EventsQuery.parse(request.uri)
        let page = try await storeCall {
            try await store.eventLines(since: query.since, limit: query.limit, camera: query.camera, type: query.type)
        }
        return FeedJSON.response(bytes: EventsPageBody.bytes(page))
    }

    /// The SSE stream, resuming after `Last-Event-ID` (what a browser's EventSource sends when
    /// it reconnects) or else after `?since=`.
    func stream(_ request: Request) async throws -> Response {
        var query = try EventsQuery.parse(request.uri, allowLimit: false)
        if let lastID = request.headers.first(where: { $0.name.canonicalName == "last-event-id" })?.value {
            guard let seq = Int64(lastID.trimmingCharacters(in: CharacterSet.whitespaces)), seq >= 0 else {
                throw FeedHTTPError.badParameter(
                    "Last-Event-ID", "the Last-Event-ID header must be the seq of the last event received (0 or more), not '\(lastID)'")
            }
            query.since = seq
        }
        guard let slot = streamSlots.take() else {
            throw FeedHTTPError(
                status: .serviceUnavailable,
                body: FeedErrorBody(error: "\(streamSlots.limit) event streams are open, the most the feed serves: close one, or poll /events?since= instead"),
                headers: [.retryAfter: "10"])
        }
        // Subscribe now, before the stream reads the store: see `EventStreamer`.
        let live = subscriber()
        let streamQuery = query
        let streamer = EventStreamer(store: store, keepAliveInterval: configuration.keepAliveInterval)
        let streams = self.streams
        let logger = self.logger
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody { writer in
                streams.increment()
                defer {
                    streams.decrement()
                    withExtendedLifetime(slot) {}
                }
                do {
                    try await streamer.run(query: streamQuery, live: live) { text in
                        try await writer.write(ByteBuffer(string: text))
                    }
                } catch let error as EventStoreError {
                    // The head is sent: all the client can see is the stream ending; it reconnects.
                    logger.error("SSE stream stopped: the event store failed", metadata: ["error": "\(error)"])
                    throw error
                }
                try await writer.finish(nil)
            })
    }

    /// A file event `seq` keeps: its snapshot, the crop named `crop`, or with `clip` its clip.
    func eventSnapshot(_ seqText: String?, crop: String? = nil, clip: Bool = false) async throws -> Response {
        guard let seqText, let seq = Int64(seqText), seq > 0 else {
            throw FeedHTTPError.badParameter("seq", "the event's seq must be a whole number, 1 or more, not '\(seqText ?? "")'")
        }
        guard let event = try await storeCall({ try await store.event(seq: seq) }) else {
            throw FeedHTTPError.notFound("no event \(seq): it was never stored or retention removed it")
        }
        let what = clip ? "clip" : crop.map { "crop '\($0)'" } ?? "snapshot"
        guard let path = clip ? event.clip : crop.map({ event.crops[$0] }) ?? event.snapshot else {
            let names = event.crops.keys.sorted().joined(separator: ", ")
            throw FeedHTTPError.notFound("event \(seq) has no \(what)" + (crop == nil || names.isEmpty ? "" : " (its crops: \(names))"))
        }
        let jpeg: Data?
        do {
            jpeg = try snapshots.eventSnapshot(relativePath: path)
        } catch {
            logger.warning("refused an event's snapshot path", metadata: ["seq": "\(seq)", "error": "\(error)"])
            throw FeedHTTPError.notFound("event \(seq)'s \(what) is not in the snapshots folder")
        }
        guard let jpeg else { throw FeedHTTPError.notFound("event \(seq)'s \(what) file is gone (removed by retention?)") }
        return Self.fileResponse(jpeg, cache: "private, max-age=86400", type: clip ? "video/mp4" : "image/jpeg")
    }

    /// The latest annotated frame of a camera.
    func cameraSnapshot(_ id: String?) throws -> Response {
        guard let id, let jpeg = snapshots.latestJPEG(camera: id) else {
            throw FeedHTTPError.notFound("no frame from camera '\(id ?? "")' yet, or no such camera: see GET /status for the cameras")
        }
        return Self.fileResponse(jpeg, cache: "no-store")
    }

    private static func fileResponse(_ jpeg: Data, cache: String, type: String = "image/jpeg") -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .cacheControl: cache],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: jpeg)))
    }

    /// Runs a store call, turning its failure into a 503 that says what happened.
    private func storeCall<T>(_ call: () async throws -> T) async throws(FeedHTTPError) -> T {
        do {
            return try await call()
        } catch {
            logger.error("feed could not read the event store", metadata: ["error": "\(error)"])
            throw FeedHTTPError(
                status: .serviceUnavailable,
                body: FeedErrorBody(error: "the event store could not be read (\(error)); retry later"))
        }
    }
}
