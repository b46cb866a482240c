/// How well a code is verified, as gate operators grade it. Higher is surer.
public enum VerificationLevel: Int, Hashable, Sendable, Comparable, Codable, CaseIterable, CustomStringConvertible {
    /// The check digit was not seen: it was computed from the other ten characters.
    case unverified = 0
    /// The check digit was read and holds.
    case checkDigit = 1
    /// The check digit holds and the same code was read independently at least twice.
    case repeated = 2
    /// The code matches an expected container (pre-advice, appointment).
    case expected = 3

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// A few words naming the level.
    public var description: String {
        switch self {
        case .unverified: "check digit not seen"
        case .checkDigit: "check digit holds"
        case .repeated: "read independently twice"
        case .expected: "matches an expected container"
        }
    }
}
