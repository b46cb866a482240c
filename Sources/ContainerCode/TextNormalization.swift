/// Helpers shared by the parsers: OCR output and hand-typed codes arrive with
/// spaces, dashes and lowercase letters that carry no meaning.
public enum TextNormalization {
    /// Uppercases ASCII letters and drops whitespace and dashes.
    static func compact(_ text: some StringProtocol) -> [Character] {
        var characters: [Character] = []
        characters.reserveCapacity(12)
        for character in text {
            // ASCII first: Unicode property lookups dominate the cost otherwise.
            if let ascii = character.asciiValue {
                if ascii == 45 || ascii == 32 || (9...13).contains(ascii) { continue }
                characters.append(ascii >= 97 && ascii <= 122 ? Character(Unicode.Scalar(ascii - 32)) : character)
            } else if !character.isWhitespace {
                characters.append(character)
            }
        }
        return characters
    }

    /// Uppercases an ASCII letter; any other character is returned unchanged.
    public static func uppercased(_ character: Character) -> Character {
        guard let ascii = character.asciiValue, ascii >= 97, ascii <= 122 else { return character }
        return Character(Unicode.Scalar(ascii - 32))
    }

    /// True for `A`...`Z` only (ISO 6346 uses the Latin alphabet, not Unicode letters).
    public static func isLetter(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return ascii >= 65 && ascii <= 90
    }

    /// True for `0`...`9` only.
    public static func isDigit(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return ascii >= 48 && ascii <= 57
    }
}
