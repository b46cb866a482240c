/// The letters and digits OCR mistakes for one another (0/O, 1/I, 8/B, 5/S, 2/Z, ...).
///
/// Shared by every search that resolves a read against a character class: a candidate of the
/// wrong class may stand for its look-alike, at a penalty the search chooses.
public enum LookAlikes {
    /// The characters of the other class that `character` (upper case) is often read for.
    public static func of(_ character: Character) -> [Character] {
        table[character] ?? []
    }

    private static let table: [Character: [Character]] = [
        "0": ["O", "D"], "O": ["0"], "D": ["0"], "1": ["I", "L"], "I": ["1"], "L": ["1"], "2": ["Z"],
        "Z": ["2"], "5": ["S"], "S": ["5"], "6": ["G"], "G": ["6"], "8": ["B"], "B": ["8"], "4": ["A"], "A": ["4"],
    ]
}
