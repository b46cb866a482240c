/// The containers a terminal expects (pre-advice, appointments): valid ISO 6346 codes.
public struct ExpectedCodes: Hashable, Sendable {
    /// The codes, without duplicates.
    public let codes: Set<ContainerCodeValue>

    /// No expected containers: reads are never resolved against a list.
    public static let none = ExpectedCodes(codes: [])

    /// A list of valid codes.
    public init(codes: Set<ContainerCodeValue>) {
        self.codes = codes
        // Sorted, so that the search visits codes in the same order in every process.
        let sorted = codes.sorted { $0.string < $1.string }
        self.sorted = sorted
        alphabetIndices = sorted.map { code in
            Array(code.string).enumerated().map { position, character in
                UInt8(PositionClass.of(position: position).alphabet.firstIndex(of: character) ?? 0)
            }
        }
    }

    /// The codes, sorted by their compact form.
    public let sorted: [ContainerCodeValue]
    /// Each sorted code's characters as indices into their position's alphabet, for the search's inner loop.
    let alphabetIndices: [[UInt8]]

    /// Parses a list: one code per line (spaces and dashes allowed inside a code), blank lines
    /// and text after `#` ignored. Every code must pass its check digit, so that a typing error
    /// in the list cannot pull reads towards a container that does not exist.
    ///
    /// - Throws: `ExpectedCodesError` naming the first bad line.
    public init(parsing text: some StringProtocol) throws(ExpectedCodesError) {
        var codes = Set<ContainerCodeValue>()
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let entry = line.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed()
            guard !entry.isEmpty else { continue }
            do {
                codes.insert(try ContainerCodeValue(parsing: String(entry)))
            } catch {
                throw .badCode(line: index + 1, text: String(entry), problem: error)
            }
            guard codes.count <= Self.maxCount else { throw .tooMany(limit: Self.maxCount) }
        }
        self.init(codes: codes)
    }

    /// The most codes a list holds: a day of arrivals at a large terminal is a few thousand.
    public static let maxCount = 100_000

    /// True when the list holds no code.
    public var isEmpty: Bool { codes.isEmpty }

    /// The number of codes.
    public var count: Int { codes.count }

    /// The list as text, one compact code per line, sorted.
    public var text: String {
        sorted.map { $0.string + "\n" }.joined()
    }

    // The sorted codes and their indices are derived from `codes`.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.codes == rhs.codes }
    public func hash(into hasher: inout Hasher) { hasher.combine(codes) }
}

/// What is wrong with a list of expected codes.
public enum ExpectedCodesError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A line does not hold a valid code.
    case badCode(line: Int, text: String, problem: ContainerCodeError)
    /// The list is longer than `ExpectedCodes.maxCount`.
    case tooMany(limit: Int)

    /// A sentence saying what is wrong and what to do.
    public var description: String {
        switch self {
        case let .badCode(line, text, problem):
            "line \(line): '\(text)' is not a valid container code (\(problem)); fix or remove the line"
        case let .tooMany(limit):
            "more than \(limit) expected codes; keep only the containers due in the next days"
        }
    }
}
