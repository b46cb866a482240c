import Hummingbird

/// Requires `Authorization: Bearer <token>` on every route except `/healthz` (liveness probes
/// carry no secrets). The token is compared in constant time, so response timing does not tell
/// how much of a guess was right.
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: [UInt8]
    let openPaths: Set<String>

    init(token: String, openPaths: Set<String> = ["/healthz"]) {
        self.token = Array(token.utf8)
        self.openPaths = openPaths
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if openPaths.contains(request.uri.path) { return try await next(request, context) }
        guard let header = request.headers[.authorization] else {
            throw FeedHTTPError.unauthorized("this feed needs a token: send 'Authorization: Bearer <feed.token>'")
        }
        let prefix = "bearer "
        guard header.count > prefix.count, header.prefix(prefix.count).lowercased() == prefix,
            Self.constantTimeEqual(Array(header.utf8.dropFirst(prefix.utf8.count)), token)
        else {
            throw FeedHTTPError.unauthorized("the bearer token is wrong: send 'Authorization: Bearer <feed.token>'")
        }
        return try await next(request, context)
    }

    /// Compares every byte whatever the first difference; only the length leaks.
    static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: left.count ^ right.count)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            difference |= a ^ b
        }
        return difference == 0 && left.count == right.count
    }
}
