import Events
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import Metrics

/// Builds the feed's HTTP server: a Hummingbird `Application`, which is already a
/// swift-service-lifecycle `Service`, so the daemon puts it in its `ServiceGroup`.
///
/// ```swift
/// let registry = PrometheusCollectorRegistry()          // the daemon bootstraps MetricsSystem with it
/// let board = StatusBoard(version: version, cameras: cameraIDs, sinks: sinkNames)
/// let frames = LatestFrames()                            // pipelines call frames.set(jpeg, camera:)
/// let feed = try FeedServer.makeApplication(
///     configuration: FeedConfiguration(host: "127.0.0.1", port: 8080), store: store, status: board,
///     snapshots: StoreSnapshotFiles(storeFolder: store.folder, latestFrames: frames),
///     subscriber: { queue.subscribe() }, statusMetrics: StatusMetrics(registry: registry),
///     logger: logger, metricsFactory: PrometheusMetricsFactory(registry: registry))
/// let group = ServiceGroup(services: [feed, ...], gracefulShutdownSignals: [.sigterm], logger: logger)
/// ```
///
/// Requests are bounded:
/// - in size: headers at most 16 KiB (one field at most 8 KiB, 100 fields); no body at all
///   (`RequestLimitMiddleware` answers 405 to other methods than GET and 413 to a body, without
///   reading it), except `PUT /expected`, with the token, up to 4 MiB;
/// - in time: a request head must be complete within `headTimeout` of its first byte (a new
///   connection must send one within `headTimeout`), and a connection idle between requests for
///   `idleTimeout` is closed (`IdleTimeoutHandler`); answers are served from memory or one
///   indexed store query of at most 1000 events;
/// - in number: at most `maxConnections` open connections: a new one beyond it closes the
///   connection idle longest (`ConnectionRegistry`), so a liveness probe always gets in; at
///   most `maxStreams` event streams, more get 503;
/// - in form: an HTTP/1.1 request without exactly one `Host` gets 400; a request that does not
///   keep its connection alive (HTTP/1.0) has it closed after the answer (`HTTPRulesHandler`).
///
/// `GET /status` and `GET /healthz`, which monitors poll, are answered on the connection's event
/// loop, with the router's bytes: from the bytes read on a connection that only polls
/// (`PollAnswerHandler`), from NIO's parsed request on others (`InlineAnswerHandler`). Every
/// other request goes through the router and its middleware on a task.
public enum FeedServer {
    /// The counter of answered requests by route and status.
    public static let requestsLabel = "portsight_feed_requests_total"
    /// The `Server` header of every answer.
    static let serverName = "portsight"
    /// The timer of answered requests by route.
    public static let requestDurationLabel = "portsight_feed_request_duration_seconds"
    /// Histogram buckets for it that resolve answers served from memory (tens of microseconds):
    /// a Prometheus factory takes them as `durationHistogramBuckets[requestDurationLabel]`.
    public static let requestDurationBuckets: [Duration] = [
        .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
        .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(100), .seconds(1),
    ]

    /// Checks `configuration` (a non-loopback host needs a token) and builds the application;
    /// `onListening` is called with the bound port once the server listens.
    ///
    /// - Throws: `FeedConfigurationError` when the configuration cannot be used.
    public static func makeApplication(
        configuration: FeedConfiguration,
        store: any EventStore,
        status: any FeedStatusSource,
        snapshots: any SnapshotSource,
        subscriber: @escaping EventSubscriber,
        statusMetrics: StatusMetrics,
        logger: Logger,
        metricsFactory: any MetricsFactory,
        expected: (any ExpectedList)? = nil,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws(FeedConfigurationError) -> some ApplicationProtocol {
        try configuration.validate()
        let router = buildRouter(
            store: store, status: status, snapshots: snapshots, subscriber: subscriber, statusMetrics: statusMetrics,
            configuration: configuration, logger: logger, metricsFactory: metricsFactory, expected: expected)
        // No idle timeout of Hummingbird's: `FeedChannel`'s `IdleTimeoutHandler` keeps it.
        let http = HTTP1Channel.Configuration(
            idleTimeout: nil,
            httpDecoderConfiguration: .init(maxHeaderFieldSize: 8 * 1024, maxHeaderListSize: 16 * 1024, maxHeaderFieldCount: 100))
        let inline = InlineRoutes(status: status, token: configuration.token, metricsFactory: metricsFactory)
        let connections = ConnectionRegistry(limit: configuration.maxConnections)
        return Application(
            router: router,
            server: HTTPServerBuilder { responder in
                FeedChannel(http: HTTP1Channel(responder: responder, configuration: http), inline: inline,
                            idleTimeout: configuration.idleTimeout, headTimeout: configuration.headTimeout, connections: connections)
            },
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: serverName),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }
}
