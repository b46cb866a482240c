import Hummingbird

/// Refuses request bodies and methods other than GET, except `PUT` on the paths in `writable`
/// (the expected containers): every other route only reads, so a body is either a mistake or an
/// attempt to make the server buffer it. A refused request is answered at once, without reading
/// the body; a writable route bounds its body itself.
struct RequestLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    var writable: Set<String> = []

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .put, writable.contains(request.uri.path) {
            return try await next(request, context)
        }
        guard request.method == .get else {
            let allowed = writable.contains(request.uri.path) ? "GET, PUT" : "GET"
            throw FeedHTTPError(
                status: .methodNotAllowed,
                body: FeedErrorBody(error: "\(request.uri.path) answers \(allowed) requests, not \(request.method)"),
                headers: [.allow: allowed])
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
