import ContainerCode
import Testing

@Suite("Candidate search")
struct ContainerCodeSearchTests {
    let search = ContainerCodeSearch()

    @Test("A clean reading comes back unchanged and confident")
    func cleanReading() throws {
        let result = try search.search(Readings.confident("CSQU3054383"))
        #expect(result.code.string == "CSQU3054383")
        #expect(result.confidence > 0.99)
        #expect(!result.needsReview)
        #expect(!result.checkDigitInferred)
        #expect(result.correctedPositions.isEmpty)
        #expect(result.characterProbabilities.count == 11)
        #expect(result.characterProbabilities.allSatisfy { $0 == 0.98 })
    }

    @Test("Look-alikes are mapped into the class of their position", arguments: [
        ("MSKU12345G5", "MSKU1234565", [9]),
        ("C5QU3054383", "CSQU3054383", [1]),
        ("CSQU3O54383", "CSQU3054383", [5]),
        ("CSQU3D543B3", "CSQU3054383", [5, 9]),
        ("8SIU2253788", "BSIU2253788", [0]),
        ("P55U11O2456", "PSSU1102456", [1, 2, 6]),
        ("CBCU2OOO317", "CBCU2000317", [5, 6, 7]),
    ])
    func confusions(raw: String, expected: String, corrected: [Int]) throws {
        let result = try search.search(rawText: raw)
        #expect(result.code.string == expected)
        #expect(result.correctedPositions == corrected)
        #expect(result.confidence > 0.99)
    }

    @Test("Every listed look-alike is repaired in the serial", arguments: [
        ("O", "0"), ("D", "0"), ("Q", "0"), ("I", "1"), ("L", "1"), ("B", "8"),
        ("S", "5"), ("Z", "2"), ("G", "6"), ("A", "4"), ("T", "7"),
    ] as [(Character, Character)])
    func serialLookAlikes(read: Character, digit: Character) throws {
        let code = try ContainerCodeValue(owner: "CSQ", category: .freightContainer, serial: "\(digit)05438")
        let raw = Reference.replacing(code.string, at: 4, with: read)
        let result = try search.search(rawText: raw)
        #expect(result.code == code)
        #expect(result.correctedPositions == [4])
    }

    @Test("Every listed look-alike is repaired in the owner code", arguments: [
        ("0", "O"), ("1", "I"), ("8", "B"), ("5", "S"), ("2", "Z"), ("6", "G"), ("4", "A"), ("7", "T"),
    ] as [(Character, Character)])
    func ownerLookAlikes(read: Character, letter: Character) throws {
        let code = try ContainerCodeValue(owner: "\(letter)SQ", category: .freightContainer, serial: "305438")
        let raw = Reference.replacing(code.string, at: 0, with: read)
        let result = try search.search(rawText: raw)
        #expect(result.code == code)
        #expect(result.correctedPositions == [0])
    }

    @Test("A check digit made to hold by changing a clearly read character needs review; a doubtful one is repaired")
    func repairAgainstReading() throws {
        // CSQU3054383 with its check digit read clearly as 4, and a 7 the OCR barely considered.
        let clear = Readings.replacing(Readings.confident("CSQU3054383"), at: 10, with: [Candidate("4", 0.97), Candidate("3", 0.01)])
        let repaired = try search.search(clear)
        #expect(repaired.code.string == "CSQU3054383")
        #expect(repaired.needsReview)
        #expect(repaired.reviewReasons.contains { if case .repairedAgainstReading = $0 { true } else { false } })
        // The same with the 3 a close second: the check digit settles it, and no review is needed.
        let doubtful = Readings.replacing(Readings.confident("CSQU3054383"), at: 10, with: [Candidate("4", 0.55), Candidate("3", 0.4)])
        let settled = try search.search(doubtful)
        #expect(settled.code.string == "CSQU3054383")
        #expect(!settled.needsReview, "\(settled.reviewReasons)")
    }

    @Test("Raw text tolerates spaces, dashes and lowercase")
    func rawTextFormatting() throws {
        #expect(try search.search(rawText: "csqu 305438-3").code.string == "CSQU3054383")
    }

    @Test("A missing check digit is inferred and needs review")
    func inferredCheckDigit() throws {
        let result = try search.search(Readings.confident("CSQU305438"))
        #expect(result.code.string == "CSQU3054383")
        #expect(result.checkDigitInferred)
        #expect(result.needsReview)
        #expect(result.reviewReasons.contains(.checkDigitInferred))
        #expect(result.characterProbabilities.count == 11)
        #expect(result.characterProbabilities[10] == 1)

        let raw = try search.search(rawText: "MSKU12345G")
        #expect(raw.code.string == "MSKU1234565")
        #expect(raw.checkDigitInferred)
    }

    @Test("Ten positions with alternatives pick the most probable prefix")
    func tenPositionCandidates() throws {
        let reading = Readings.replacing(
            Readings.confident("DFSU438255"), at: 5, with: [Candidate("3", 0.7), Candidate("8", 0.3)]
        )
        let result = try search.search(reading)
        #expect(result.code.string == "DFSU4382559")
        #expect(result.checkDigitInferred && result.needsReview)
        #expect(result.runnerUp?.code.string.hasPrefix("DFSU48") == true)
    }

    @Test("A misread check digit is corrected when the rest is confident")
    func misreadCheckDigit() throws {
        let reading = Readings.replacing(
            Readings.confident("CSQU3054383", probability: 0.99), at: 10, with: [Candidate("4", 0.6)]
        )
        let result = try search.search(reading)
        #expect(result.code.string == "CSQU3054383")
        #expect(result.correctedPositions == [10])
        #expect(result.confidence > 0.5)
        // The corrected digit came from the mass the OCR left unassigned.
        #expect(result.characterProbabilities[10] < 0.1)
    }

    @Test("A wrong top character is replaced by the second candidate that makes the code valid")
    func secondCandidateWins() throws {
        let reading = Readings.replacing(
            Readings.confident("CSQU3054383"), at: 6, with: [Candidate("8", 0.55), Candidate("5", 0.45)]
        )
        let result = try search.search(reading)
        #expect(result.code.string == "CSQU3054383")
        #expect(result.correctedPositions == [6])
        #expect(result.characterProbabilities[6] == 0.45)
        #expect(result.confidence > 0.9)
        #expect(result.runnerUp != nil)
    }

    @Test("Two valid readings compete and the result needs review")
    func ambiguousReading() throws {
        // CSQU0000070 and CSQU0000090 are both valid (check digit 0).
        let reading = Readings.replacing(
            Readings.confident("CSQU0000070"), at: 9, with: [Candidate("7", 0.5), Candidate("9", 0.45)]
        )
        let result = try search.search(reading)
        #expect(result.code.string == "CSQU0000070")
        #expect(result.runnerUp?.code.string == "CSQU0000090")
        #expect(result.weakCheckDigit)
        #expect(result.needsReview)
        #expect(result.reviewReasons.contains { if case .lowConfidence = $0 { true } else { false } })
    }

    @Test("A raw misread with no look-alike cannot be resolved confidently")
    func unresolvableRawText() throws {
        let result = try search.search(rawText: "CSQU3054393")
        #expect(result.needsReview)
        #expect(result.confidence < 0.5)
        #expect(ContainerCodeValue.isValid(result.code.string))
    }

    @Test("Unreadable positions are filled by the check digit, with review")
    func emptyPosition() throws {
        let reading = Readings.replacing(Readings.confident("CSQU3054383"), at: 7, with: [])
        let result = try search.search(reading)
        #expect(result.code.string == "CSQU3054383")
        #expect(result.characterProbabilities[7] == 0.1)
        #expect(result.correctedPositions == [7])
    }

    @Test("A digit read at the category position counts as its look-alike")
    func categoryLookAlike() throws {
        let code = try ContainerCodeValue(owner: "ABC", category: .trailerOrChassis, serial: "123456")
        let raw = "ABC2" + code.string.dropFirst(4)
        #expect(try search.search(rawText: raw).code == code)
    }

    @Test("Ranked codes are valid, distinct and ordered")
    func rankedCodes() throws {
        let reading = Readings.replacing(
            Readings.replacing(Readings.confident("CSQU3054383"), at: 6, with: [Candidate("8", 0.5), Candidate("5", 0.4)]),
            at: 8, with: [Candidate("3", 0.6), Candidate("8", 0.3)]
        )
        let ranked = try search.rankedCodes(reading, limit: 5)
        #expect(ranked.count == 5)
        #expect(Set(ranked.map(\.code)).count == 5)
        #expect(zip(ranked, ranked.dropFirst()).allSatisfy { $0.probability >= $1.probability })
        #expect(ranked.allSatisfy { ContainerCodeValue.isValid($0.code.string) })
        #expect(ranked.map(\.confidence).reduce(0, +) <= 1.000_001)
    }

    @Test("Input errors are typed")
    func inputErrors() {
        #expect(throws: ContainerCodeSearchError.wrongPositionCount(9)) {
            try search.search(rawText: "CSQU30543")
        }
        #expect(throws: ContainerCodeSearchError.wrongPositionCount(12)) {
            try search.search(Readings.confident("CSQU30543833"))
        }
        #expect(throws: ContainerCodeSearchError.invalidProbability(position: 2, value: 1.5)) {
            try search.search(Readings.replacing(Readings.confident("CSQU3054383"), at: 2, with: [Candidate("Q", 1.5)]))
        }
        #expect(throws: ContainerCodeSearchError.invalidProbability(position: 4, value: -0.1)) {
            try search.search(Readings.replacing(Readings.confident("CSQU3054383"), at: 4, with: [Candidate("3", -0.1)]))
        }
    }

    @Test("Without a floor, candidates that allow no valid code give noValidCode")
    func noValidCode() {
        let strict = ContainerCodeSearch(unlistedFloor: 0)
        #expect(throws: ContainerCodeSearchError.noValidCode) {
            try strict.search(Readings.confident("CSQU3054384", probability: 1))
        }
    }

    @Test("Matches brute-force enumeration on random small candidate lists")
    func matchesBruteForce() throws {
        var generator = SplitMix64(seed: 11)
        let strict = ContainerCodeSearch(unlistedFloor: 0)
        for trial in 0..<150 {
            let positionCount = trial.isMultiple(of: 3) ? 10 : 11
            let reading = (0..<positionCount).map { position in
                let alphabet = position < 3 ? Reference.letters : position == 3 ? Reference.categories : Reference.digits
                let pair = Array(alphabet.shuffled(using: &generator).prefix(2))
                let p = Double.random(in: 0.05...0.95, using: &generator)
                return CharacterCandidates([Candidate(pair[0], p), Candidate(pair[1], 1 - p)])
            }
            let brute = BruteForce.rank(reading)
            guard let best = brute.first else {
                #expect(throws: ContainerCodeSearchError.noValidCode) { try strict.search(reading) }
                continue
            }
            let result = try strict.search(reading)
            #expect(result.code.string == best.code)
            #expect(abs(result.probability - best.probability) < 1e-12)
            #expect(abs(result.confidence - best.probability / brute.map(\.probability).reduce(0, +)) < 1e-9)
            #expect(result.runnerUp?.code.string == (brute.count > 1 ? brute[1].code : nil))
        }
    }

    @Test("Long candidate lists at every position are handled without enumeration")
    func longLists() throws {
        var generator = SplitMix64(seed: 12)
        let reading = (0..<11).map { position in
            let alphabet = position < 3 ? Reference.letters : position == 3 ? Reference.categories : Reference.digits
            let weights = alphabet.map { _ in Double.random(in: 0...1, using: &generator) }
            let total = weights.reduce(0, +)
            return CharacterCandidates(zip(alphabet, weights).map { Candidate($0, $1 / total) })
        }
        let result = try search.search(reading)
        #expect(ContainerCodeValue.isValid(result.code.string))
        #expect((0...1).contains(result.confidence))
        #expect(result.runnerUp != nil)
    }
}

/// Scores every combination of small candidate lists, for checking the search.
enum BruteForce {
    struct Scored {
        let code: String
        let probability: Double
    }

    static func rank(_ reading: [CharacterCandidates]) -> [Scored] {
        var prefixes = [Scored(code: "", probability: 1)]
        for position in reading.prefix(10) {
            prefixes = prefixes.flatMap { prefix in
                position.candidates.map { Scored(code: prefix.code + String($0.character), probability: prefix.probability * $0.probability) }
            }
        }
        let complete = prefixes.compactMap { prefix -> Scored? in
            let digit = Character(String(Reference.checkDigit(prefix.code)))
            guard reading.count == 11 else { return Scored(code: prefix.code + String(digit), probability: prefix.probability) }
            guard let candidate = reading[10].candidates.first(where: { $0.character == digit }) else { return nil }
            return Scored(code: prefix.code + String(digit), probability: prefix.probability * candidate.probability)
        }
        return complete.sorted { $0.probability > $1.probability || ($0.probability == $1.probability && $0.code < $1.code) }
    }
}
