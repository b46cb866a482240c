import ContainerCode

/// A plate format in a small pattern language, compiled to the layouts of character classes it
/// allows.
///
/// `L` is a letter A-Z, `D` a digit, `A` either, `[...]` one of the listed characters (ranges such
/// as `A-HJ-NP-Z` allowed, any script), `\X` the fixed character X. `{n}` or `{m,n}` after one of
/// these repeats it. Spaces, `-`, `.` and `·` only show how the plate is printed: readings are
/// matched without them, because OCR reads separators unreliably. UK: `LLDD LLL`; China:
/// `[京沪粤...]L·A{5,6}`.
public struct PlatePattern: Sendable, Hashable {
    /// The name shown with a read (a preset's name, or the config's).
    public let name: String
    /// The pattern as written.
    public let source: String
    /// The shortest and longest plate it allows.
    public let lengths: ClosedRange<Int>
    private let elements: [Element]

    /// The longest plate a pattern may allow.
    public static let maximumLength = 12

    private struct Element: Sendable, Hashable {
        var characters: PlateCharacterClass
        var minimum: Int
        var maximum: Int
    }

    /// Compiles `source`.
    ///
    /// - Throws: `PlatePatternError` naming the symbol and its place when the pattern is malformed.
    public init(name: String, source: String) throws(PlatePatternError) {
        self.name = name
        self.source = source
        elements = try Self.parse(source)
        let minimum = elements.reduce(0) { $0 + $1.minimum }
        let maximum = elements.reduce(0) { $0 + $1.maximum }
        guard maximum > 0 else { throw .empty(pattern: source) }
        guard maximum <= Self.maximumLength else { throw .tooLong(pattern: source, maximum: Self.maximumLength) }
        lengths = max(minimum, 1)...maximum
    }

    /// Every sequence of classes of `length` positions the pattern allows (none when the length
    /// is out of range). Repeats that give the same sequence appear once.
    public func layouts(length: Int) -> [[PlateCharacterClass]] {
        guard lengths.contains(length) else { return [] }
        var found: [[PlateCharacterClass]] = []
        var seen = Set<[PlateCharacterClass]>()
        func expand(_ index: Int, _ prefix: [PlateCharacterClass]) {
            let remaining = length - prefix.count
            guard index < elements.count else {
                if remaining == 0, seen.insert(prefix).inserted { found.append(prefix) }
                return
            }
            let rest = elements[(index + 1)...]
            let restMinimum = rest.reduce(0) { $0 + $1.minimum }, restMaximum = rest.reduce(0) { $0 + $1.maximum }
            let element = elements[index]
            for count in element.minimum...element.maximum where count <= remaining
                && remaining - count >= restMinimum && remaining - count <= restMaximum {
                expand(index + 1, prefix + Array(repeating: element.characters, count: count))
            }
        }
        expand(0, [])
        return found
    }

    /// True when `text` (upper case, no separators) fits the pattern.
    public func matches(_ text: [Character]) -> Bool {
        layouts(length: text.count).contains { layout in zip(layout, text).allSatisfy { $0.contains($1) } }
    }

    private static let separators: Set<Character> = [" ", "-", ".", "·"]

    private static func parse(_ source: String) throws(PlatePatternError) -> [Element] {
        let symbols = Array(source)
        var elements: [Element] = []
        var index = 0
        while index < symbols.count {
            let symbol = symbols[index]
            switch symbol {
            case "L": elements.append(Element(characters: .letter, minimum: 1, maximum: 1))
            case "D": elements.append(Element(characters: .digit, minimum: 1, maximum: 1))
            case "A": elements.append(Element(characters: .letterOrDigit, minimum: 1, maximum: 1))
            case "\\":
                guard index + 1 < symbols.count else {
                    throw .unknownSymbol(pattern: source, offset: index, symbol: symbol)
                }
                index += 1
                elements.append(Element(characters: .oneOf([TextNormalization.uppercased(symbols[index])]), minimum: 1, maximum: 1))
            case "[":
                let (set, end) = try parseSet(symbols, from: index, source: source)
                elements.append(Element(characters: .oneOf(set), minimum: 1, maximum: 1))
                index = end
            case "{":
                guard !elements.isEmpty, elements[elements.count - 1].minimum == 1, elements[elements.count - 1].maximum == 1 else {
                    throw .badRepeat(pattern: source, offset: index, detail: "must follow one L, D, A, [..] or \\X")
                }
                let (minimum, maximum, end) = try parseRepeat(symbols, from: index, source: source)
                elements[elements.count - 1].minimum = minimum
                elements[elements.count - 1].maximum = maximum
                index = end
            case _ where separators.contains(symbol): break
            default: throw .unknownSymbol(pattern: source, offset: index, symbol: symbol)
            }
            index += 1
        }
        return elements
    }

    /// The set opened at `start`, and the index of its `]`.
    private static func parseSet(_ symbols: [Character], from start: Int, source: String) throws(PlatePatternError) -> (Set<Character>, Int) {
        var set = Set<Character>()
        var index = start + 1
        while index < symbols.count, symbols[index] != "]" {
            let first = TextNormalization.uppercased(symbols[index])
            if index + 2 < symbols.count, symbols[index + 1] == "-", symbols[index + 2] != "]" {
                let last = TextNormalization.uppercased(symbols[index + 2])
                guard let low = first.unicodeScalars.first?.value, let high = last.unicodeScalars.first?.value,
                      first.unicodeScalars.count == 1, last.unicodeScalars.count == 1, low <= high, high - low < 128 else {
                    throw .badSet(pattern: source, offset: start, detail: "has a range \(first)-\(last) that is not in order or spans over 128 characters")
                }
                for value in low...high { if let scalar = Unicode.Scalar(value) { set.insert(Character(scalar)) } }
                index += 3
            } else {
                set.insert(first)
                index += 1
            }
        }
        guard index < symbols.count else { throw .badSet(pattern: source, offset: start, detail: "has no closing ]") }
        guard !set.isEmpty else { throw .badSet(pattern: source, offset: start, detail: "is empty") }
        return (set, index)
    }

    /// The counts of the `{n}` or `{m,n}` opened at `start`, and the index of its `}`.
    private static func parseRepeat(_ symbols: [Character], from start: Int, source: String) throws(PlatePatternError) -> (Int, Int, Int) {
        guard let end = symbols[start...].firstIndex(of: "}") else {
            throw .badRepeat(pattern: source, offset: start, detail: "has no closing }")
        }
        let parts = String(symbols[(start + 1)..<end]).split(separator: ",", omittingEmptySubsequences: false)
        let counts = parts.map { Int($0.filter { $0 != " " }) }
        guard (1...2).contains(counts.count), let minimum = counts.first ?? nil, let maximum = counts.last ?? nil,
              minimum >= 0, minimum <= maximum, maximum >= 1 else {
            throw .badRepeat(pattern: source, offset: start, detail: "is not {n} or {m,n} with 0 <= m <= n and n >= 1")
        }
        return (minimum, maximum, end)
    }
}
