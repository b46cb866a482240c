/// The ISO 6346 check digit algorithm (Annex A).
///
/// Each of the first ten characters is given a value (digits keep theirs,
/// letters count from A = 10 skipping multiples of 11), multiplied by
/// 2^position and summed; the check digit is the sum modulo 11, with a
/// remainder of 10 written as 0.
public enum CheckDigit {
    /// The ISO 6346 value of a letter `A`...`Z` or digit `0`...`9`, or nil for anything else.
    public static func value(of character: Character) -> Int? {
        let upper = TextNormalization.uppercased(character)
        guard let ascii = upper.asciiValue else { return nil }
        if TextNormalization.isDigit(upper) { return Int(ascii) - 48 }
        guard TextNormalization.isLetter(upper) else { return nil }
        // Count up from A = 10, stepping over 11, 22 and 33 as the standard does.
        var value = 9
        for _ in 0...(Int(ascii) - 65) {
            value += 1
            if value % 11 == 0 { value += 1 }
        }
        return value
    }

    /// The weight of a position (0...9): 2^position modulo 11.
    public static func weight(atPosition position: Int) -> Int {
        (1 << position) % 11
    }

    /// The weighted sum modulo 11 (0...10) of exactly ten characters; spaces,
    /// dashes and lowercase are tolerated.
    public static func remainder(for tenCharacters: some StringProtocol) throws(ContainerCodeError) -> Int {
        try remainder(of: TextNormalization.compact(tenCharacters)[...]).get()
    }

    /// The weighted sum modulo 11 of already compacted characters, as a
    /// Result so validation loops need not throw.
    static func remainder(of characters: ArraySlice<Character>) -> Result<Int, ContainerCodeError> {
        guard characters.count == 10 else {
            return .failure(.wrongLength(expected: 10, found: characters.count))
        }
        var sum = 0
        for (position, character) in zip(0..., characters) {
            guard let value = value(of: character) else {
                return .failure(.invalidCharacter(character, position: position))
            }
            sum += value * weight(atPosition: position)
        }
        return .success(sum % 11)
    }

    /// The check digit (0...9) for exactly ten characters (owner code,
    /// category identifier and serial number).
    public static func compute(for tenCharacters: some StringProtocol) throws(ContainerCodeError) -> Int {
        try digit(forRemainder: remainder(for: tenCharacters))
    }

    /// Maps a remainder (0...10) to its check digit: 10 is written as 0.
    public static func digit(forRemainder remainder: Int) -> Int {
        remainder % 10
    }
}
