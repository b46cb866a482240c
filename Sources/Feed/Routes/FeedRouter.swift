import Events
import Foundation
import Hummingbird
import Logging
import Metrics

/// Builds the feed's router: status, health, events (pages and SSE), metrics, pictures and the
/// status page. Every answer, errors included, is JSON except the page, the pictures, the SSE
/// stream and the metrics text.
///
/// - Parameters:
///   - context: the request context type; `BasicRequestContext` for the server.
///   - store: where `/events`, SSE catch-up and event snapshots read from.
///   - status: what `/status`, `/readyz` and the status gauges of `/metrics` show; never awaited.
///   - snapshots: the pictures.
///   - subscriber: a new stream of committed events per SSE client (`{ queue.subscribe() }`).
///   - statusMetrics: renders `/metrics` from the Prometheus registry.
///   - configuration: the token, keep-alive interval and readiness cameras.
///   - logger: for failures.
///   - metricsFactory: for the feed's own request counters.
///   - expected: the expected containers behind `GET` and `PUT /expected`; nil: no such route.
public func buildRouter<Context: RequestContext>(
    context: Context.Type = BasicRequestContext.self,
    store: any EventStore,
    status: any FeedStatusSource,
    snapshots: any SnapshotSource,
    subscriber: @escaping EventSubscriber,
    statusMetrics: StatusMetrics,
    configuration: FeedConfiguration,
    logger: Logger,
    metricsFactory: any MetricsFactory,
    expected: (any ExpectedList)? = nil
) -> Router<Context> {
    let router = Router(context: Context.self)
    // Middleware runs outside-in in the order added, and must be added before the routes.
    router.add(middleware: RequestMetricsMiddleware(factory: metricsFactory))
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: RequestLimitMiddleware(writable: expected == nil ? [] : ["/expected"]))
    if let token = configuration.token {
        // `/` is the static page shell, with no data in it: a browser cannot send a bearer header
        // when it opens a page, so the page asks for the token and sends it on every fetch.
        router.add(middleware: BearerAuthMiddleware(token: token, openPaths: ["/healthz", "/"]))
    }
    let handlers = FeedHandlers(
        store: store, status: status, snapshots: snapshots, subscriber: subscriber, statusMetrics: statusMetrics,
        configuration: configuration, logger: logger, streams: Meter(label: "portsight_feed_sse_streams", factory: metricsFactory),
        streamSlots: StreamSlots(limit: configuration.maxStreams))

    router.get("/") { _, _ in StatusPage.response() }
    router.get("/healthz") { _, _ in FeedJSON.response(bytes: Liveness.okJSON) }
    router.get("/readyz") { _, _ in handlers.readiness() }
    router.get("/status") { _, _ in FeedJSON.response(buffer: StatusJSON.encode(status.statusSnapshot())) }
    router.get("/metrics") { _, _ in handlers.metrics() }
    router.get("/events") { request, _ in try await handlers.events(request) }
    router.get("/events/stream") { request, _ in try await handlers.stream(request) }
    router.get("/events/{seq}/snapshot.jpg") { _, context in try await handlers.eventSnapshot(context.parameters.get("seq")) }
    router.get("/events/{seq}/clip.mp4") { _, context in try await handlers.eventSnapshot(context.parameters.get("seq"), clip: true) }
    router.get("/events/{seq}/crops/{name}") { _, context in
        try await handlers.eventSnapshot(context.parameters.get("seq"), crop: context.parameters.get("name") ?? "")
    }
    router.get("/cameras/{id}/snapshot.jpg") { _, context in try handlers.cameraSnapshot(context.parameters.get("id")) }
    if let expected {
        let routes = ExpectedRoutes(list: expected, tokenConfigured: configuration.token != nil)
        router.get("/expected") { _, _ in routes.get() }
        router.put("/expected") { request, _ in try await routes.put(request) }
    }
    return router
}

/// The body of `/healthz`.
struct Liveness: Encodable {
    var status: String

    /// `{"status":"ok"}`, encoded once.
    static let okJSON: [UInt8] = {
        guard let data = try? FeedJSON.makeEncoder().encode(Liveness(status: "ok")) else { preconditionFailure("feed JSON did not encode") }
        return Array(data)
    }()
}
