/// Why a search result or vote decision should be checked by a person.
public enum ReviewReason: Hashable, Sendable, CustomStringConvertible {
    /// The check digit was not read; it was computed from the other ten
    /// characters, so nothing verified them.
    case checkDigitInferred
    /// The chosen code's confidence is below the configured minimum.
    case lowConfidence(Double)
    /// Fewer readings than the configured minimum were voted on.
    case tooFewReads(count: Int, minimum: Int)
    /// At a position the runner-up character holds more than the allowed share of the vote.
    case splitVote(position: Int, runnerUpShare: Double)
    /// The per-position vote winners do not pass the check digit; the decision
    /// is the best valid code found by searching the vote instead.
    case voteFailedCheckDigit
    /// The check digit holds only after changing characters the OCR read clearly: the code is
    /// this share (0...1) as probable as the reading.
    case repairedAgainstReading(share: Double)
    /// The code's verification level is below the lowest one announced as identified.
    case levelBelowMinimum(VerificationLevel, minimum: VerificationLevel)
    /// In a column of stacked characters, the category letter was read as a digit: the code may
    /// be the column read one character down, its first letter missed.
    case categoryReadAsDigit
    /// Another code was read as surely or more in the same place: one place holds one code, and
    /// the other is a reading of the same characters with one changed, or shifted by one.
    case otherCodeInSamePlace(code: String)

    /// A sentence saying why review is needed.
    public var description: String {
        switch self {
        case .checkDigitInferred:
            "check digit was not read and was inferred"
        case let .lowConfidence(confidence):
            "confidence \(confidence) is below the minimum"
        case let .tooFewReads(count, minimum):
            "only \(count) reads, at least \(minimum) wanted"
        case let .splitVote(position, share):
            "vote at position \(position) is split (runner-up share \(share))"
        case .voteFailedCheckDigit:
            "per-position vote fails the check digit"
        case let .repairedAgainstReading(share):
            "the check digit holds only after changing characters read clearly (the code is \((share * 1000).rounded() / 1000) as probable as the reading)"
        case let .levelBelowMinimum(level, minimum):
            "verification level \(level.rawValue) (\(level)) is below the \(minimum.rawValue) required"
        case .categoryReadAsDigit:
            "the category letter was read as a digit in a column of stacked characters (the code may be read one character down)"
        case let .otherCodeInSamePlace(code):
            "\(code) was read as surely or more in the same place"
        }
    }
}
