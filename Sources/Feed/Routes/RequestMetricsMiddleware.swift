import Hummingbird
import Metrics

/// Counts answered requests by route and status (`portsight_feed_requests_total`) and times
/// them by route (`portsight_feed_request_duration_seconds`, from the request's head to its
/// response, as the server sees it), through the metrics factory the daemon hands in.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let factory: any MetricsFactory

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        // The route's pattern (`/events/{seq}/snapshot.jpg`), not the path: labels stay few.
        let route = context.endpointPath ?? "unmatched"
        Counter(
            label: FeedServer.requestsLabel,
            dimensions: [("route", route), ("status", String(response.status.code))], factory: factory
        ).increment()
        Timer(label: FeedServer.requestDurationLabel, dimensions: [("route", route)], factory: factory).record(duration: elapsed)
        return response
    }
}
