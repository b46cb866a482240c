/// The code decided for one tracked container from all its readings.
public struct ContainerCodeDecision: Hashable, Sendable {
    /// The decided code; it always passes the check digit.
    public let code: ContainerCodeValue
    /// The chance (0...1) that `code` is right, from a search over the
    /// per-position vote shares (see `RankedCode.confidence`).
    public let confidence: Double
    /// Number of readings voted on.
    public let readCount: Int
    /// Number of readings whose top characters all match `code`.
    public let agreeingReadCount: Int
    /// True when no reading covered the check digit and it was computed.
    public let checkDigitInferred: Bool
    /// True when the check digit is 0, which protects less (see `ContainerCodeValue.weakCheckDigit`).
    public let weakCheckDigit: Bool
    /// Vote share (0...1) of each of the eleven characters of `code`.
    public let characterShares: [Double]
    /// Why the decision needs review; empty when it does not.
    public let reviewReasons: [ReviewReason]
    /// The expected container the votes were resolved to, if any (then `code` is its code).
    public let expectedMatch: ExpectedMatch?

    /// How well the readings verify the code: expected, read the same at least twice with the
    /// check digit seen, check digit seen once, or not seen.
    public var level: VerificationLevel {
        if expectedMatch != nil { return .expected }
        if checkDigitInferred { return .unverified }
        return agreeingReadCount >= 2 ? .repeated : .checkDigit
    }

    /// True when a person should confirm the code (`reviewReasons` is not empty).
    public var needsReview: Bool {
        !reviewReasons.isEmpty
    }
}
