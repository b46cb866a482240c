import Hummingbird
import Metrics
import NIOCore

/// The routes the feed answers on the connection's event loop, from memory, without handing the
/// request to a task: `GET /status` and `GET /healthz`, the two that monitors poll. On a small
/// busy box each hand-off between the event loop and a task is a thread wake-up, and those, not
/// the answer itself, made most of a request's latency (see the README's "Feed under load").
///
/// The answers are the router's, byte for byte. A request with anything unusual about it (a
/// query it does not need, a body, `Connection: close`, a missing or wrong token) goes the
/// router's way instead, which answers or refuses it as for any other route.
///
/// Two handlers answer them: `PollAnswerHandler` from the bytes read, on a connection that has
/// only ever polled (`match(rawRequest:)`), and `InlineAnswerHandler` from NIO's parsed request
/// on any other (`route(for:)`).
struct InlineRoutes: Sendable {
    /// One route answered here.
    struct Route: Sendable {
        /// The path, which is also the route's label in the metrics.
        let path: String
        /// `path` in UTF-8, for `match(rawRequest:)`.
        let pathBytes: [UInt8]
        let needsToken: Bool
        let body: @Sendable () -> ByteBuffer
        let requests: Counter
        let duration: Metrics.Timer

        init(path: String, needsToken: Bool, metricsFactory: any MetricsFactory, body: @escaping @Sendable () -> ByteBuffer) {
            self.path = path
            pathBytes = Array(path.utf8)
            self.needsToken = needsToken
            self.body = body
            // The same series the router's `RequestMetricsMiddleware` records into.
            requests = Counter(
                label: FeedServer.requestsLabel,
                dimensions: [("route", path), ("status", "200")], factory: metricsFactory)
            duration = Metrics.Timer(label: FeedServer.requestDurationLabel, dimensions: [("route", path)], factory: metricsFactory)
        }

        /// Counts and times one answer, in the series the router's answers go to.
        func recordAnswer(startedAt start: ContinuousClock.Instant) {
            requests.increment()
            duration.record(duration: ContinuousClock.now - start)
        }
    }

    let routes: [Route]
    let token: BearerToken?

    /// `/status` from `status`, and `/healthz`; `token` as the feed's configuration has it.
    init(status: any FeedStatusSource, token: String?, metricsFactory: any MetricsFactory) {
        let liveness = ByteBuffer(bytes: Liveness.okJSON)
        routes = [
            Route(path: "/status", needsToken: true, metricsFactory: metricsFactory) { StatusJSON.encode(status.statusSnapshot()) },
            Route(path: "/healthz", needsToken: false, metricsFactory: metricsFactory) { liveness },
        ]
        self.token = token.map(BearerToken.init)
    }

    /// The route that answers `request` here, or nil to hand it on to the router.
    func route(for request: HTTPRequest) -> Route? {
        guard request.method == .get, let path = request.path, let route = routes.first(where: { $0.path == path }) else {
            return nil
        }
        let fields = request.headerFields
        if let length = fields[.contentLength], length != "0" { return nil }
        if fields[.transferEncoding] != nil { return nil }
        if let connection = fields[.connection], connection.lowercased().contains("close") { return nil }
        if route.needsToken, let token {
            guard let header = fields[.authorization], token.isCarried(by: header) else { return nil }
        }
        return route
    }
}
