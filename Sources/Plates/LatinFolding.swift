/// Glyphs the OCR reads in place of a plain Latin letter or digit: full-width forms, accented
/// letters, and Greek, Cyrillic and currency look-alikes. Plates carry none of them (a plate's
/// own script, such as a Chinese province, is not folded), so each is the character it stands for.
enum LatinFolding {
    /// The plain ASCII character `character` stands for, or `character` itself.
    static func folded(_ character: Character) -> Character {
        guard !character.isASCII, let scalar = character.unicodeScalars.first else { return character }
        // Full-width ASCII (U+FF01...U+FF5E) is ASCII moved by a fixed offset.
        if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
            return Character(ascii)
        }
        if let twin = twins[character] { return twin }
        // "LATIN CAPITAL LETTER E WITH ACUTE" is an E to a plate.
        if let name = scalar.properties.name, name.hasPrefix("LATIN "), name.contains(" WITH "),
           let letter = name.split(separator: " ").dropFirst(3).first, letter.count == 1,
           let base = letter.first, base.isASCII {
            return base
        }
        return character
    }

    private static let twins: [Character: Character] = [
        "¥": "Y", "￥": "Y",
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
        "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
        "Х": "X", "Ү": "Y",
    ]
}
