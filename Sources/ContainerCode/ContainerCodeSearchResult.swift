/// A valid code found by `ContainerCodeSearch`, with its scores.
public struct RankedCode: Hashable, Sendable {
    /// The code.
    public let code: ContainerCodeValue
    /// Product of the per-character probabilities (see `ContainerCodeSearch`).
    public let probability: Double
    /// `probability` divided by the summed probability of every code that
    /// passes the check digit: the chance this is the right code, assuming
    /// the characters were read independently and the container's code is valid.
    public let confidence: Double
}

/// The outcome of a search: the most probable valid code and how sure it is.
public struct ContainerCodeSearchResult: Hashable, Sendable {
    /// The most probable code that passes the check digit.
    public let code: ContainerCodeValue
    /// The chance (0...1) that `code` is right given the candidates: its
    /// probability over the total probability of all valid codes (see `RankedCode.confidence`).
    public let confidence: Double
    /// Product of the per-character probabilities of `code`.
    public let probability: Double
    /// True when the reading had ten positions and the check digit was computed.
    public let checkDigitInferred: Bool
    /// True when the check digit is 0, which protects less (see `ContainerCodeValue.weakCheckDigit`).
    public let weakCheckDigit: Bool
    /// Probability of each of the eleven characters of `code` at its position;
    /// an inferred check digit counts as 1, being fixed by the other ten.
    public let characterProbabilities: [Double]
    /// Positions (0...10) where `code` differs from the OCR's top candidate.
    public let correctedPositions: [Int]
    /// The second most probable valid code, if any.
    public let runnerUp: RankedCode?
    /// Why the result needs review; empty when it does not.
    public let reviewReasons: [ReviewReason]
    /// The expected container the reading was resolved to, if any (then `code` is its code).
    public let expectedMatch: ExpectedMatch?

    /// Creates a result.
    public init(code: ContainerCodeValue, confidence: Double, probability: Double, checkDigitInferred: Bool,
                weakCheckDigit: Bool, characterProbabilities: [Double], correctedPositions: [Int],
                runnerUp: RankedCode?, reviewReasons: [ReviewReason], expectedMatch: ExpectedMatch? = nil) {
        self.code = code
        self.confidence = confidence
        self.probability = probability
        self.checkDigitInferred = checkDigitInferred
        self.weakCheckDigit = weakCheckDigit
        self.characterProbabilities = characterProbabilities
        self.correctedPositions = correctedPositions
        self.runnerUp = runnerUp
        self.reviewReasons = reviewReasons
        self.expectedMatch = expectedMatch
    }

    /// True when a person should confirm the code (`reviewReasons` is not empty).
    public var needsReview: Bool {
        !reviewReasons.isEmpty
    }

    /// How well one reading verifies the code: expected, check digit seen, or neither.
    public var level: VerificationLevel {
        if expectedMatch != nil { return .expected }
        return checkDigitInferred ? .unverified : .checkDigit
    }
}
