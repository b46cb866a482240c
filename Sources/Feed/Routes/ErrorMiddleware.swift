import Hummingbird

/// Turns every error into a JSON answer: Hummingbird's own (no route: 404, and the like) get a
/// `FeedErrorBody` too, and anything unexpected becomes a logged 500 instead of an empty body.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as FeedHTTPError {
            return FeedJSON.response(error.body, status: error.status, headers: error.headers)
        } catch let error as any HTTPResponseError {
            if error.status == .notFound {
                let message = "no route \(request.method) \(request.uri.path): try GET /, /status, /healthz, /readyz, /events, /events/stream, /metrics"
                return FeedJSON.response(FeedErrorBody(error: message), status: .notFound)
            }
            return FeedJSON.response(FeedErrorBody(error: error.status.reasonPhrase), status: error.status)
        } catch {
            context.logger.error("feed request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return FeedJSON.response(FeedErrorBody(error: "internal error: see the daemon's log"), status: .internalServerError)
        }
    }
}
