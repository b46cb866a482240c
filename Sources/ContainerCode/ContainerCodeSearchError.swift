/// What is wrong with input to `ContainerCodeSearch` or `ContainerCodeVoter`.
public enum ContainerCodeSearchError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A reading must cover 10 positions (check digit missing) or 11.
    case wrongPositionCount(Int)
    /// A candidate probability is not a finite number in 0...1.
    case invalidProbability(position: Int, value: Double)
    /// A reading's confidence is not a finite number in 0...1.
    case invalidConfidence(Double)
    /// No code passes the check digit with non-zero probability (only possible
    /// when `unlistedFloor` is 0 and the candidates leave no valid code).
    case noValidCode
    /// The voter has no readings to decide on.
    case noReadings

    /// A sentence saying what is wrong.
    public var description: String {
        switch self {
        case let .wrongPositionCount(count):
            "reading has \(count) positions, expected 10 or 11"
        case let .invalidProbability(position, value):
            "probability \(value) at position \(position) is not in 0...1"
        case let .invalidConfidence(value):
            "confidence \(value) is not in 0...1"
        case .noValidCode:
            "no code passing the check digit can be formed from the candidates"
        case .noReadings:
            "no readings to vote on"
        }
    }
}
