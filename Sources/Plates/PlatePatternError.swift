/// Why a plate pattern was refused. Each case names the pattern and where it went wrong.
public enum PlatePatternError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The pattern holds no character positions.
    case empty(pattern: String)
    /// A symbol the pattern language does not know.
    case unknownSymbol(pattern: String, offset: Int, symbol: Character)
    /// A `[` without its `]`, or an empty `[]`.
    case badSet(pattern: String, offset: Int, detail: String)
    /// A `{n}` or `{m,n}` that is not two counts in order, or that follows nothing.
    case badRepeat(pattern: String, offset: Int, detail: String)
    /// More positions than any plate has.
    case tooLong(pattern: String, maximum: Int)
    /// A preset name that is not known.
    case unknownPreset(name: String, known: [String])

    public var description: String {
        switch self {
        case .empty(let pattern):
            "plate pattern '\(pattern)' has no character positions: use L (letter), D (digit), A (either), [..] (a set) or \\X (the character X)"
        case .unknownSymbol(let pattern, let offset, let symbol):
            "plate pattern '\(pattern)': '\(symbol)' at character \(offset + 1) is not L, D, A, [..], {m,n}, a separator (space - . ·) or \\X; write a fixed character as \\\(symbol)"
        case .badSet(let pattern, let offset, let detail):
            "plate pattern '\(pattern)': the set at character \(offset + 1) \(detail)"
        case .badRepeat(let pattern, let offset, let detail):
            "plate pattern '\(pattern)': the count at character \(offset + 1) \(detail)"
        case .tooLong(let pattern, let maximum):
            "plate pattern '\(pattern)' allows more than \(maximum) characters; no plate is that long"
        case .unknownPreset(let name, let known):
            "plate preset '\(name)' is not known; the presets are \(known.joined(separator: ", "))"
        }
    }
}
