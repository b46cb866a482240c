import Hummingbird
import Metrics

/// Counts answered requests by route and status (`portsight_feed_requests_total`), through the
/// metrics factory the daemon hands in.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let factory: any MetricsFactory

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        // The route's pattern (`/events/{seq}/snapshot.jpg`), not the path: labels stay few.
        let route = context.endpointPath ?? "unmatched"
        Counter(
            label: "portsight_feed_requests_total",
            dimensions: [("route", route), ("status", String(response.status.code))], factory: factory
        ).increment()
        return response
    }
}
