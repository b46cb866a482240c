/// The container length given by the first character of a size/type code.
public struct ContainerLength: Hashable, Sendable, CustomStringConvertible {
    /// The length code character, e.g. `4`.
    public let code: Character
    /// The external length in millimetres as listed in ISO 6346.
    public let millimetres: Int
    /// The nominal imperial length (e.g. 40'), or nil for lengths defined only in millimetres.
    public let nominal: FeetAndInches?

    /// The nominal length in feet when it is whole feet (20, 40, 45...), else nil.
    public var feet: Int? {
        guard let nominal, nominal.inches == 0 else { return nil }
        return nominal.feet
    }

    /// E.g. `40 ft (12192 mm)` or `7150 mm`.
    public var description: String {
        guard let nominal else { return "\(millimetres) mm" }
        let imperial = nominal.inches == 0 ? "\(nominal.feet) ft" : "\(nominal.feet) ft \(nominal.inches) in"
        return "\(imperial) (\(millimetres) mm)"
    }

    /// The length for a code character, or nil when the character is not assigned.
    public init?(code: Character) {
        switch code {
        case "1": self.init(code, 2991, FeetAndInches(feet: 10))
        case "2": self.init(code, 6068, FeetAndInches(feet: 20))
        case "3": self.init(code, 9125, FeetAndInches(feet: 30))
        case "4": self.init(code, 12192, FeetAndInches(feet: 40))
        case "A": self.init(code, 7150, nil)
        case "B": self.init(code, 7315, FeetAndInches(feet: 24))
        case "C": self.init(code, 7430, FeetAndInches(feet: 24, inches: 6))
        case "D": self.init(code, 7450, nil)
        case "E": self.init(code, 7820, nil)
        case "F": self.init(code, 8100, nil)
        case "G": self.init(code, 12500, FeetAndInches(feet: 41))
        case "H": self.init(code, 13106, FeetAndInches(feet: 43))
        case "K": self.init(code, 13600, nil)
        case "L": self.init(code, 13716, FeetAndInches(feet: 45))
        case "M": self.init(code, 14630, FeetAndInches(feet: 48))
        case "N": self.init(code, 14935, FeetAndInches(feet: 49))
        case "P": self.init(code, 16154, nil)
        default: return nil
        }
    }

    private init(_ code: Character, _ millimetres: Int, _ nominal: FeetAndInches?) {
        self.code = code
        self.millimetres = millimetres
        self.nominal = nominal
    }
}
