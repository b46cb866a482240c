/// The JSON body of every error answer: `{"error": "...", "parameter": "since"}`.
public struct FeedErrorBody: Sendable, Hashable, Codable {
    /// What went wrong and what is allowed, in words.
    public var error: String
    /// The query parameter or header at fault, when there is one.
    public var parameter: String?

    /// Creates an error body.
    public init(error: String, parameter: String? = nil) {
        self.error = error
        self.parameter = parameter
    }
}
