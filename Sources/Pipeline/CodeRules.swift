import ContainerCode

/// How read codes are judged: the lowest verification level announced as identified, and the
/// containers expected.
public struct CodeRules: Sendable {
    /// A code below this level goes out with `needs_review` and the reason.
    public var identifyLevel: VerificationLevel
    /// The site's list of expected containers, if it keeps one: reads that support one are
    /// resolved to it (level 3).
    public var expected: ExpectedContainers?

    /// Rules announcing codes from `identifyLevel` up.
    public init(identifyLevel: VerificationLevel = .checkDigit, expected: ExpectedContainers? = nil) {
        self.identifyLevel = identifyLevel
        self.expected = expected
    }

    /// The expected codes now (none without a list).
    var expectedCodes: ExpectedCodes {
        expected?.codes ?? .none
    }
}
