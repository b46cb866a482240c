import Hummingbird

/// Refuses request bodies and methods other than GET: every feed route only reads, so a
/// body is either a mistake or an attempt to make the server buffer it. A refused request is
/// answered at once, without reading the body.
struct RequestLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get else {
            throw FeedHTTPError(
                status: .methodNotAllowed,
                body: FeedErrorBody(error: "the feed only answers GET requests, not \(request.method)"),
                headers: [.allow: "GET"])
        }
        let length = request.headers[.contentLength].flatMap { Int($0) } ?? 0
        if length > 0 || request.headers[.transferEncoding] != nil {
            throw FeedHTTPError(
                status: .contentTooLarge,
                body: FeedErrorBody(error: "feed requests carry no body: send GET requests without one"))
        }
        return try await next(request, context)
    }
}
