import ContainerCode
import Foundation

/// How container codes are judged (`codes:` in the configuration).
public struct CodesConfig: Decodable, Sendable, Equatable {
    /// The lowest verification level announced as identified (0 to 3); lower ones go out with
    /// `needs_review` and the reason.
    public var identifyLevel = VerificationLevel.checkDigit
    /// The file of expected container codes, one per line; nil: `expected-containers.txt` next to
    /// the event store. Read at start and on SIGHUP; `PUT /expected` writes it.
    public var expected: String?

    /// The defaults: announce from level 1, the list next to the store.
    public init() {}

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: ConfigKey.self)
        try c.rejectUnknown(["identify_level", "expected"])
        let level: Int = try c.value("identify_level", or: identifyLevel.rawValue)
        guard let chosen = VerificationLevel(rawValue: level) else {
            throw c.invalid("identify_level", "expected 0 (check digit not seen), 1 (check digit holds), 2 (read the same twice) or 3 (an expected container), got \(level)")
        }
        identifyLevel = chosen
        expected = try c.decodeIfPresent(String.self, forKey: ConfigKey("expected"))
        try c.check(expected.map { !$0.isEmpty } ?? true, "expected", "a file path, or leave the key out")
    }

    /// The expected codes file for a store at `storePath`.
    public func expectedPath(storePath: String) -> String {
        expected ?? URL(fileURLWithPath: storePath).deletingLastPathComponent().appendingPathComponent("expected-containers.txt").path
    }
}
