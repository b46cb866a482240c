import ContainerCode

/// A deliberately plain check digit implementation, written from the table
/// printed in ISO 6346 Annex A, to test the library against.
enum Reference {
    static let letterValues: [Character: Int] = [
        "A": 10, "B": 12, "C": 13, "D": 14, "E": 15, "F": 16, "G": 17, "H": 18, "I": 19,
        "J": 20, "K": 21, "L": 23, "M": 24, "N": 25, "O": 26, "P": 27, "Q": 28, "R": 29,
        "S": 30, "T": 31, "U": 32, "V": 34, "W": 35, "X": 36, "Y": 37, "Z": 38,
    ]

    static let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    static let digits = Array("0123456789")
    static let categories: [Character] = ["U", "J", "Z"]

    static func value(_ character: Character) -> Int {
        letterValues[character] ?? Int(String(character))!
    }

    /// Weighted sum of the first ten characters modulo 11.
    static func remainder(_ code: String) -> Int {
        var sum = 0
        var factor = 1
        for character in code.prefix(10) {
            sum += value(character) * factor
            factor *= 2
        }
        return sum % 11
    }

    static func checkDigit(_ code: String) -> Int {
        remainder(code) == 10 ? 0 : remainder(code)
    }

    /// A random, valid eleven-character code.
    static func randomCode(using generator: inout SplitMix64) -> String {
        var prefix = ""
        for _ in 0..<3 { prefix.append(letters.randomElement(using: &generator)!) }
        prefix.append(categories.randomElement(using: &generator)!)
        for _ in 0..<6 { prefix.append(digits.randomElement(using: &generator)!) }
        return prefix + String(checkDigit(prefix))
    }

    /// `text` with the character at `position` replaced.
    static func replacing(_ text: String, at position: Int, with character: Character) -> String {
        var characters = Array(text)
        characters[position] = character
        return String(characters)
    }

    /// `text` with the characters at `position` and `position + 1` exchanged.
    static func swapping(_ text: String, at position: Int) -> String {
        var characters = Array(text)
        characters.swapAt(position, position + 1)
        return String(characters)
    }
}
