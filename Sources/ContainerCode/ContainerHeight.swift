/// The container height given by the second character of a size/type code.
public struct ContainerHeight: Hashable, Sendable, CustomStringConvertible {
    /// How the listed height bounds the real one.
    public enum Bound: Hashable, Sendable {
        /// The height is the listed value.
        case exactly
        /// The height is above the listed value (codes 6, F, P).
        case over
        /// The height is at most the listed value (code 9).
        case atMost
    }

    /// The listed height in millimetres.
    public let millimetres: Int
    /// The listed height in feet and inches, e.g. 9'6".
    public let nominal: FeetAndInches
    /// Whether the real height equals, exceeds or stays within the listed value.
    public let bound: Bound

    /// Creates a height description.
    public init(millimetres: Int, nominal: FeetAndInches, bound: Bound = .exactly) {
        self.millimetres = millimetres
        self.nominal = nominal
        self.bound = bound
    }

    /// E.g. `9'6"`, `> 9'6"` or `<= 4'0"`.
    public var description: String {
        switch bound {
        case .exactly: nominal.description
        case .over: "> \(nominal)"
        case .atMost: "<= \(nominal)"
        }
    }
}

/// The container width class given by the second character of a size/type code.
public enum ContainerWidth: Hashable, Sendable, CustomStringConvertible {
    /// 2438 mm (8 ft), codes 0-9.
    case standard
    /// Over 2438 mm and up to 2500 mm, codes C-F.
    case over2438UpTo2500
    /// Over 2500 mm, codes L-P.
    case over2500

    /// E.g. `2438 mm (8 ft)`.
    public var description: String {
        switch self {
        case .standard: "2438 mm (8 ft)"
        case .over2438UpTo2500: "over 2438 mm, up to 2500 mm"
        case .over2500: "over 2500 mm"
        }
    }
}

/// Decodes the second size/type character, which combines height and width.
enum HeightWidthCode {
    /// The width class for a code character, or nil when it is not assigned.
    static func width(for code: Character) -> ContainerWidth? {
        switch code {
        case "0", "2", "4", "5", "6", "8", "9": .standard
        case "C", "D", "E", "F": .over2438UpTo2500
        case "L", "M", "N", "P": .over2500
        default: nil
        }
    }

    /// The height for a code character, or nil when it is not assigned.
    static func height(for code: Character) -> ContainerHeight? {
        switch code {
        case "0": ContainerHeight(millimetres: 2438, nominal: FeetAndInches(feet: 8))
        case "2", "C", "L": ContainerHeight(millimetres: 2591, nominal: FeetAndInches(feet: 8, inches: 6))
        case "4", "D", "M": ContainerHeight(millimetres: 2743, nominal: FeetAndInches(feet: 9))
        case "5", "E", "N": ContainerHeight(millimetres: 2895, nominal: FeetAndInches(feet: 9, inches: 6))
        case "6", "F", "P": ContainerHeight(millimetres: 2895, nominal: FeetAndInches(feet: 9, inches: 6), bound: .over)
        case "8": ContainerHeight(millimetres: 1295, nominal: FeetAndInches(feet: 4, inches: 3))
        case "9": ContainerHeight(millimetres: 1219, nominal: FeetAndInches(feet: 4), bound: .atMost)
        default: nil
        }
    }
}
