import ContainerCode

/// The trucks a terminal expects (appointments, pre-advice): each plate with the containers it
/// should bring. Text form: one visit per line, the plate (spaces allowed, as printed) then its
/// container codes (`GT19 PSX PSGU4182735`); `#` starts a comment.
public struct ExpectedVisits: Sendable, Equatable {
    /// The expected containers of each expected plate (upper case, no separators).
    public private(set) var containers: [String: [String]] = [:]

    /// No visits expected.
    public static let none = ExpectedVisits()

    /// An empty list.
    public init() {}

    /// Parses the text form.
    ///
    /// - Throws: `ExpectedVisitsError` naming the line and what is wrong with it.
    public init(parsing text: some StringProtocol) throws(ExpectedVisitsError) {
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.prefix { $0 != "#" }
            let words = line.split(whereSeparator: \.isWhitespace)
            guard !words.isEmpty else { continue }
            // The plate's words run up to the first word shaped like a container code.
            let plateWords = words.prefix { !Self.looksLikeContainerCode($0) }
            let printed = plateWords.joined(separator: " ")
            let plate = Self.normalised(printed)
            guard (2...PlatePattern.maximumLength).contains(plate.count), plate.allSatisfy({ $0.isLetter || $0.isNumber }) else {
                throw .badPlate(line: index + 1, text: printed)
            }
            guard containers[plate] == nil else { throw .duplicate(line: index + 1, plate: plate) }
            var codes: [String] = []
            for word in words.dropFirst(plateWords.count) {
                do {
                    codes.append(try ContainerCodeValue(parsing: word).string)
                } catch {
                    throw .badContainer(line: index + 1, text: String(word), reason: error.description)
                }
            }
            containers[plate] = codes
        }
    }

    /// Four letters and seven digits: a container code, valid or not (a bad one is an error).
    static func looksLikeContainerCode(_ word: some StringProtocol) -> Bool {
        let characters = Array(word.uppercased())
        return characters.count == 11 && characters.prefix(4).allSatisfy { $0.isASCII && $0.isLetter }
            && characters.suffix(7).allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// How many visits are expected.
    public var count: Int { containers.count }

    /// A plate as the list keeps it: upper case, separators dropped.
    public static func normalised(_ text: some StringProtocol) -> String {
        String(text.uppercased().filter { !PlateSearch.separators.contains($0) })
    }

    /// What the list says of a visit whose plate read `plate` (nil when it was not read) and
    /// whose containers read `codes`.
    public func match(plate: String?, codes: [String]) -> ExpectedVisitMatch {
        guard let plate else { return ExpectedVisitMatch(plate: nil, corrected: [], lookAlikesOnly: false, codes: codes, expected: nil) }
        if let expected = containers[plate] {
            return ExpectedVisitMatch(plate: plate, corrected: [], lookAlikesOnly: true, codes: codes, expected: expected)
        }
        // One character off, and only one expected plate that close: the list resolves it. Where
        // the two characters are look-alikes (0/O, 8/B) the read supports it; otherwise it is a
        // guess that a person checks.
        let near = containers.keys.compactMap { candidate -> (String, Int)? in
            guard candidate.count == plate.count else { return nil }
            let differing = zip(candidate, plate).enumerated().filter { $0.element.0 != $0.element.1 }
            return differing.count == 1 ? (candidate, differing[0].offset) : nil
        }
        guard near.count == 1, let (candidate, position) = near.first else {
            return ExpectedVisitMatch(plate: nil, corrected: [], lookAlikesOnly: false, codes: codes, expected: nil)
        }
        let read = Array(plate)[position], listed = Array(candidate)[position]
        return ExpectedVisitMatch(plate: candidate, corrected: [position], lookAlikesOnly: LookAlikes.of(read).contains(listed),
                                  codes: codes, expected: containers[candidate])
    }
}

/// A visit held against the expected visits.
public struct ExpectedVisitMatch: Sendable, Equatable {
    /// The expected plate the read matched (after a correction), or nil: not expected.
    public var plate: String?
    /// Positions of the read's characters the list corrected.
    public var corrected: [Int]
    /// True when every corrected character was read as its look-alike.
    public var lookAlikesOnly: Bool
    /// Containers read that the matched visit does not list (all of them when it is not expected).
    public var unexpectedContainers: [String]
    /// Containers the matched visit lists that were not read.
    public var missingContainers: [String]

    init(plate: String?, corrected: [Int], lookAlikesOnly: Bool, codes: [String], expected: [String]?) {
        self.plate = plate
        self.corrected = corrected
        self.lookAlikesOnly = lookAlikesOnly
        unexpectedContainers = codes.filter { !(expected ?? []).contains($0) }
        missingContainers = (expected ?? []).filter { !codes.contains($0) }
    }
}

/// Why a list of expected visits was refused: the line and what is wrong with it.
public enum ExpectedVisitsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A plate that is not 2 to 12 letters and digits.
    case badPlate(line: Int, text: String)
    /// A plate listed twice.
    case duplicate(line: Int, plate: String)
    /// A container code that is not a valid ISO 6346 code.
    case badContainer(line: Int, text: String, reason: String)

    public var description: String {
        switch self {
        case let .badPlate(line, text):
            "line \(line): '\(text)' is not a plate (2 to \(PlatePattern.maximumLength) letters and digits, then the container codes)"
        case let .duplicate(line, plate):
            "line \(line): plate \(plate) is listed twice; put all its containers on one line"
        case let .badContainer(line, text, reason):
            "line \(line): '\(text)' is not a container code: \(reason)"
        }
    }
}
