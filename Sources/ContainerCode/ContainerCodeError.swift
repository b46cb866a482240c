/// What is wrong with a container code that failed to parse or validate.
public enum ContainerCodeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The code (after removing spaces and dashes) has the wrong number of characters.
    case wrongLength(expected: Int, found: Int)
    /// The owner code (characters 1-3) contains something other than the letters A-Z.
    case ownerNotLetters(String)
    /// The fourth character is not a category identifier (U, J or Z).
    case invalidCategory(Character)
    /// The serial number (characters 5-10) contains something other than digits.
    case serialNotDigits(String)
    /// The eleventh character is not a digit.
    case checkDigitNotDigit(Character)
    /// The check digit does not match the one computed from the first ten characters.
    case checkDigitMismatch(found: Int, expected: Int)
    /// A character has no ISO 6346 value (only A-Z and 0-9 do).
    case invalidCharacter(Character, position: Int)

    /// A sentence saying what is wrong.
    public var description: String {
        switch self {
        case let .wrongLength(expected, found):
            "container code has \(found) characters, expected \(expected)"
        case let .ownerNotLetters(owner):
            "owner code \"\(owner)\" must be three letters A-Z"
        case let .invalidCategory(character):
            "category identifier \"\(character)\" must be U, J or Z"
        case let .serialNotDigits(serial):
            "serial number \"\(serial)\" must be six digits"
        case let .checkDigitNotDigit(character):
            "check digit \"\(character)\" must be a digit"
        case let .checkDigitMismatch(found, expected):
            "check digit is \(found) but the code requires \(expected)"
        case let .invalidCharacter(character, position):
            "character \"\(character)\" at position \(position) has no ISO 6346 value"
        }
    }
}
