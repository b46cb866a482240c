import Hummingbird

/// An error answer of the feed, always with a JSON `FeedErrorBody`.
struct FeedHTTPError: HTTPResponseError, Sendable {
    var status: HTTPResponse.Status
    var body: FeedErrorBody
    var headers: HTTPFields = [:]

    func response(from request: Request, context: some RequestContext) throws -> Response {
        FeedJSON.response(body, status: status, headers: headers)
    }

    static func badParameter(_ name: String, _ message: String) -> Self {
        FeedHTTPError(status: .badRequest, body: FeedErrorBody(error: message, parameter: name))
    }

    static func notFound(_ message: String) -> Self {
        FeedHTTPError(status: .notFound, body: FeedErrorBody(error: message))
    }

    static func unauthorized(_ message: String) -> Self {
        FeedHTTPError(
            status: .unauthorized, body: FeedErrorBody(error: message, parameter: "Authorization"),
            headers: [.wwwAuthenticate: "Bearer realm=\"portsight\""])
    }
}
