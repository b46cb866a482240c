import ContainerCode

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
        case .letter: TextNormalization.isLetter(character)
        case .digit: TextNormalization.isDigit(character)
        case .letterOrDigit: TextNormalization.isLetter(character) || TextNormalization.isDigit(character)
        case .oneOf(let set): set.contains(character)
        }
    }

    /// True when every character of the class is ASCII (Latin letters and digits).
    public var isASCII: Bool {
        guard case .oneOf(let set) = self else { return true }
        return set.allSatisfy(\.isASCII)
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

}
