import Hummingbird

/// Requires `Authorization: Bearer <token>` on every route except the open ones (`/healthz`:
/// liveness probes carry no secrets).
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: BearerToken
    let openPaths: Set<String>

    init(token: String, openPaths: Set<String> = ["/healthz"]) {
        self.token = BearerToken(token)
        self.openPaths = openPaths
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if openPaths.contains(request.uri.path) { return try await next(request, context) }
        guard let header = request.headers[.authorization] else {
            throw FeedHTTPError.unauthorized("this feed needs a token: send 'Authorization: Bearer <feed.token>'")
        }
        guard token.isCarried(by: header) else {
            throw FeedHTTPError.unauthorized("the bearer token is wrong: send 'Authorization: Bearer <feed.token>'")
        }
        return try await next(request, context)
    }
}
