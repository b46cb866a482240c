/// The site's list of expected containers, as `GET /expected` shows it and `PUT /expected`
/// replaces it. The daemon keeps it; the feed only passes text through.
public protocol ExpectedList: Sendable {
    /// The codes now, compact (`CSQU3054383`), sorted.
    func expectedCodes() -> [String]
    /// Replaces the whole list with the codes in `text`, one per line (`#` starts a comment),
    /// and keeps it across restarts; returns how many codes the list now holds. On failure the
    /// old list stays.
    func replaceExpected(text: String) throws(ExpectedListRejection) -> Int
}

/// Why a new list was not taken; the old one stays.
public enum ExpectedListRejection: Error, Sendable, Equatable {
    /// The text holds a line that is not a valid code, or too many codes.
    case invalid(String)
    /// The list could not be saved (a full disk, say).
    case notSaved(String)
}

/// The body of `GET /expected` and of a successful `PUT /expected`.
struct ExpectedListBody: Codable, Sendable {
    var count: Int
    var codes: [String]?
}
