/// What may stand at each position of a container code, and how the usual OCR
/// confusions carry a misread character into that class.
enum PositionClass: Sendable {
    /// Owner code, positions 0-2: A-Z.
    case letter
    /// Category identifier, position 3: U, J or Z.
    case category
    /// Serial number and check digit, positions 4-10: 0-9.
    case digit

    /// The class of a position 0...10.
    static func of(position: Int) -> PositionClass {
        switch position {
        case 0..<3: .letter
        case 3: .category
        default: .digit
        }
    }

    /// The characters allowed in this class, in a fixed order.
    var alphabet: [Character] {
        switch self {
        case .letter: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        case .category: EquipmentCategory.allCases.map(\.rawValue)
        case .digit: Array("0123456789")
        }
    }

    /// The character a read counts as in this class: itself when allowed,
    /// its usual look-alike when that is allowed, else nil.
    func admit(_ read: Character) -> AdmittedCharacter? {
        let character = TextNormalization.uppercased(read)
        if alphabet.contains(character) {
            return AdmittedCharacter(character: character, viaConfusion: false)
        }
        let lookAlike: Character? = switch self {
        case .letter, .category: Self.letter(lookingLike: character)
        case .digit: Self.digit(lookingLike: character)
        }
        guard let lookAlike, alphabet.contains(lookAlike) else { return nil }
        return AdmittedCharacter(character: lookAlike, viaConfusion: true)
    }

    private static func letter(lookingLike digit: Character) -> Character? {
        switch digit {
        case "0": "O"
        case "1": "I"
        case "2": "Z"
        case "4": "A"
        case "5": "S"
        case "6": "G"
        case "7": "T"
        case "8": "B"
        default: nil
        }
    }

    private static func digit(lookingLike letter: Character) -> Character? {
        switch letter {
        case "O", "D", "Q": "0"
        case "I", "L": "1"
        case "Z": "2"
        case "A": "4"
        case "S": "5"
        case "G": "6"
        case "T": "7"
        case "B": "8"
        default: nil
        }
    }
}

/// A read character as counted in a position's class.
struct AdmittedCharacter: Hashable, Sendable {
    /// The allowed character the read counts as.
    let character: Character
    /// True when the read was a look-alike from the other class (e.g. `O` for `0`).
    let viaConfusion: Bool
}
