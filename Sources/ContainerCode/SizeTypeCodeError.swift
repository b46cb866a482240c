/// What is wrong with a size/type code that failed to parse.
public enum SizeTypeCodeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The code does not have four characters.
    case wrongLength(found: Int)
    /// The first character is not an assigned length code.
    case unknownLengthCode(Character)
    /// The second character is not an assigned height/width code.
    case unknownHeightWidthCode(Character)
    /// The last two characters are neither a detailed type code nor a group code.
    case unknownTypeCode(String)

    /// A sentence saying what is wrong.
    public var description: String {
        switch self {
        case let .wrongLength(found):
            "size/type code has \(found) characters, expected 4"
        case let .unknownLengthCode(character):
            "length code \"\(character)\" is not assigned by ISO 6346"
        case let .unknownHeightWidthCode(character):
            "height/width code \"\(character)\" is not assigned by ISO 6346"
        case let .unknownTypeCode(code):
            "type code \"\(code)\" is neither an ISO 6346 detailed type nor a group code"
        }
    }
}
