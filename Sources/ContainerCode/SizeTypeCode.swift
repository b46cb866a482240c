/// A validated four-character ISO 6346 size/type code such as `45G1`.
public struct SizeTypeCode: Hashable, Sendable, CustomStringConvertible {
    /// The four characters, uppercased, e.g. `45G1`.
    public let code: String
    /// Length from the first character.
    public let length: ContainerLength
    /// Height from the second character.
    public let height: ContainerHeight
    /// Width class from the second character.
    public let width: ContainerWidth
    /// Detailed type or group from the last two characters.
    public let type: ContainerTypeCode

    /// Parses and validates a size/type code; surrounding whitespace and
    /// lowercase are tolerated, and the error names the character at fault.
    public init(parsing text: some StringProtocol) throws(SizeTypeCodeError) {
        let characters = TextNormalization.compact(text)
        guard characters.count == 4 else {
            throw .wrongLength(found: characters.count)
        }
        guard let length = ContainerLength(code: characters[0]) else {
            throw .unknownLengthCode(characters[0])
        }
        guard let height = HeightWidthCode.height(for: characters[1]),
              let width = HeightWidthCode.width(for: characters[1]) else {
            throw .unknownHeightWidthCode(characters[1])
        }
        let typeText = String(characters[2...3])
        guard let type = ContainerTypeCode(code: typeText) else {
            throw .unknownTypeCode(typeText)
        }
        self.code = String(characters)
        self.length = length
        self.height = height
        self.width = width
        self.type = type
    }

    /// E.g. `45G1: 40 ft (12192 mm), 9'6" high, general purpose container without ventilation, ...`.
    public var description: String {
        "\(code): \(length), \(height) high, \(type.group), \(type.details)"
    }
}
