import Hummingbird

/// `GET /expected` and `PUT /expected`.
struct ExpectedRoutes: Sendable {
    /// The largest list body taken: 100,000 codes of 12 bytes, with room for comments.
    static let maxBodyBytes = 4 << 20

    let list: any ExpectedList
    /// Changing the list needs the feed's token: without one configured, `PUT` is refused.
    let tokenConfigured: Bool

    func get() -> Response {
        let codes = list.expectedCodes()
        return FeedJSON.response(ExpectedListBody(count: codes.count, codes: codes))
    }

    func put(_ request: Request) async throws -> Response {
        guard tokenConfigured else {
            throw FeedHTTPError(status: .forbidden, body: FeedErrorBody(
                error: "changing the expected containers needs a bearer token: set feed.token and send 'Authorization: Bearer <feed.token>'"))
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.maxBodyBytes)
        } catch {
            throw FeedHTTPError(status: .contentTooLarge, body: FeedErrorBody(
                error: "the list is larger than \(Self.maxBodyBytes) bytes: send only the containers due in the next days"))
        }
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw FeedHTTPError(status: .badRequest, body: FeedErrorBody(error: "the list must be UTF-8 text, one container code per line"))
        }
        do {
            return FeedJSON.response(ExpectedListBody(count: try list.replaceExpected(text: text), codes: nil))
        } catch {
            switch error {
            case let .invalid(message):
                throw FeedHTTPError(status: .badRequest, body: FeedErrorBody(error: "\(message); the old list stays"))
            case let .notSaved(message):
                throw FeedHTTPError(status: HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage"), body: FeedErrorBody(error: "\(message); the old list stays"))
            }
        }
    }
}
