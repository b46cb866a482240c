/// The characters one position of a plate may hold.
public enum PlateCharacterClass: Sendable, Hashable {
    /// `A`...`Z`.
    case letter
    /// `0`...`9`.
    case digit
    /// A letter or a digit.
    case letterOrDigit
    /// Exactly these characters (upper-case Latin, digits, or any script's characters).
    case oneOf(Set<Character>)

    /// True when `character` (already upper case) belongs to the class.
    public func contains(_ character: Character) -> Bool {
        switch self {
        case .letter: Self.isLetter(character)
        case .digit: Self.isDigit(character)
        case .letterOrDigit: Self.isLetter(character) || Self.isDigit(character)
        case .oneOf(let set): set.contains(character)
        }
    }

    /// How many characters the class holds (for the share of probability a reading leaves to it).
    public var size: Int {
        switch self {
        case .letter: 26
        case .digit: 10
        case .letterOrDigit: 36
        case .oneOf(let set): set.count
        }
    }

    static func isLetter(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return ascii >= 65 && ascii <= 90
    }

    static func isDigit(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return ascii >= 48 && ascii <= 57
    }
}
