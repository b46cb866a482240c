import ContainerCode
import Testing

@Suite("Expected containers and verification levels")
struct ExpectedCodesTests {
    /// Every valid code one character away from `code` in positions 0-9 (with its check digit
    /// recomputed), and every valid code two serial digits away: the near-misses of `code`.
    static func nearMisses(of code: String) -> Set<String> {
        var misses = Set<String>()
        for position in 0..<10 {
            let alphabet = position < 3 ? Reference.letters : position == 3 ? Reference.categories : Reference.digits
            for character in alphabet where character != Array(code)[position] {
                let prefix = String(Reference.replacing(code, at: position, with: character).prefix(10))
                misses.insert(prefix + String(Reference.checkDigit(prefix)))
            }
        }
        for first in 4..<10 {
            for second in (first + 1)..<10 {
                for a in Reference.digits where a != Array(code)[first] {
                    for b in Reference.digits where b != Array(code)[second] {
                        let changed = Reference.replacing(Reference.replacing(code, at: first, with: a), at: second, with: b)
                        if ContainerCodeValue.isValid(changed) { misses.insert(changed) }
                    }
                }
            }
        }
        misses.remove(code)
        return misses
    }

    static func list(_ codes: some Sequence<String>) -> ExpectedCodes {
        ExpectedCodes(codes: Set(codes.map { try! ContainerCodeValue(parsing: $0) }))
    }

    @Test("A list parses codes, comments, blank lines and spaced codes")
    func parsing() throws {
        let list = try ExpectedCodes(parsing: "# today's pre-advice\nCSQU3054383\n\n  MSKU 413532 9  # booking 42\ncsqu3054383\n")
        #expect(list.codes.map(\.string).sorted() == ["CSQU3054383", "MSKU4135329"])
        #expect(list.text == "CSQU3054383\nMSKU4135329\n")
    }

    @Test("A bad line is named, with what is wrong")
    func badLine() {
        #expect(throws: ExpectedCodesError.badCode(line: 2, text: "CSQU3054384", problem: .checkDigitMismatch(found: 4, expected: 3))) {
            try ExpectedCodes(parsing: "MSKU4135329\nCSQU3054384\n")
        }
        let error = #expect(throws: ExpectedCodesError.self) { try ExpectedCodes(parsing: "\n\nnot a code") }
        #expect(error?.description.hasPrefix("line 3: 'not a code' is not a valid container code") == true)
    }

    @Test("A read in doubt becomes level 3 when its code is expected")
    func doubtResolved() throws {
        // Positions 6 and 7 split 0.6 / 0.35 with another valid code's digits: alone, the
        // reading needs review.
        let truth = Array("CSQU3054383")
        let other = try #require(Self.nearMisses(of: "CSQU3054383").map(Array.init).first { code in
            code[6] != truth[6] && code[7] != truth[7] && code[10] == truth[10]
        })
        var reading = Readings.replacing(Readings.confident("CSQU3054383"), at: 6, with: [Candidate(truth[6], 0.6), Candidate(other[6], 0.35)])
        reading = Readings.replacing(reading, at: 7, with: [Candidate(truth[7], 0.6), Candidate(other[7], 0.35)])
        let plain = try ContainerCodeSearch().search(reading)
        #expect(plain.needsReview)
        #expect(plain.level == .checkDigit)

        var search = ContainerCodeSearch()
        search.expected = Self.list(["CSQU3054383", "MSKU4135329"])
        let result = try search.search(reading)
        #expect(result.code.string == "CSQU3054383")
        #expect(result.level == .expected)
        #expect(!result.needsReview)
        #expect(result.confidence >= 0.9)
        #expect(result.expectedMatch?.correctedPositions == [])
        #expect(result.expectedMatch!.readingConfidence < 0.9)
    }

    @Test("The list corrects a character the OCR had as its runner-up, and says which")
    func correction() throws {
        // The OCR's top character at 5 is 8, which fails the check digit; 0 was its runner-up.
        let reading = Readings.replacing(Readings.confident("CSQU3054383"), at: 5, with: [Candidate("8", 0.55), Candidate("0", 0.4)])
        var search = ContainerCodeSearch()
        search.expected = Self.list(["CSQU3054383"])
        let result = try search.search(reading)
        #expect(result.code.string == "CSQU3054383")
        #expect(result.level == .expected)
        #expect(result.expectedMatch?.correctedPositions == [5])
    }

    @Test("An unseen check digit is confirmed by the list")
    func inferredCheckDigit() throws {
        let reading = Array(Readings.confident("CSQU3054383").prefix(10))
        #expect(try ContainerCodeSearch().search(reading).level == .unverified)
        var search = ContainerCodeSearch()
        search.expected = Self.list(["CSQU3054383"])
        let result = try search.search(reading)
        #expect(result.level == .expected)
        #expect(!result.needsReview)
        #expect(result.checkDigitInferred)
    }

    @Test("A code the camera read clearly is never pulled to an expected near-miss")
    func clearReadStays() throws {
        var search = ContainerCodeSearch()
        search.expected = Self.list(Self.nearMisses(of: "CSQU3054383"))
        let result = try search.search(Readings.confident("CSQU3054383"))
        #expect(result.code.string == "CSQU3054383")
        #expect(result.expectedMatch == nil)
        #expect(result.level == .checkDigit)
        #expect(!result.needsReview)
    }

    @Test("A list of near-misses never overturns a reading: it confirms a wrong code only where the reading alone gives it most of the probability")
    func nearMissesNeverCapture() throws {
        var generator = SplitMix64(seed: 6346)
        var checked = 0
        for _ in 0..<150 {
            let truth = Reference.randomCode(using: &generator)
            // Up to three positions in doubt, the truth's share between 0.35 and 0.65.
            var reading = Readings.confident(truth)
            for _ in 0..<Int.random(in: 0...3, using: &generator) {
                let position = Int.random(in: 0..<11, using: &generator)
                let alphabet = position < 3 ? Reference.letters : position == 3 ? Reference.categories : Reference.digits
                let other = alphabet.filter { $0 != Array(truth)[position] }.randomElement(using: &generator)!
                let share = Double.random(in: 0.35...0.65, using: &generator)
                reading[position] = CharacterCandidates([Candidate(Array(truth)[position], share), Candidate(other, 0.97 - share)])
            }
            let plain = try ContainerCodeSearch().search(reading)
            var search = ContainerCodeSearch()
            search.expected = Self.list(Self.nearMisses(of: truth))
            let result = try search.search(reading)
            // The list may confirm the reading's own best code, never overturn it.
            #expect(result.code == plain.code, "\(truth): \(plain.code) became \(result.code)")
            if plain.code.string == truth {
                checked += 1
                #expect(result.code.string == truth)
            }
            // Where the OCR itself favours a near-miss (more than half the probability of valid
            // codes), a list holding it confirms it: nothing can tell the two apart then.
            if result.code.string != truth, !result.needsReview, let match = result.expectedMatch {
                #expect(match.readingConfidence > 0.5)
                #expect(plain.needsReview, "a wrong code the reading alone was sure of")
            }
        }
        // 137 of the 150 readings rank the truth first; one of the other 13 is confirmed wrong.
        #expect(checked > 100)
    }

    @Test("Two expected codes the reading cannot tell apart resolve to neither")
    func ambiguousList() throws {
        // 4 or 9 at position 7, and the check digit unseen: both codes are valid.
        let reading = Array(Readings.replacing(Readings.confident("CSQU3054383"), at: 7, with: [Candidate("4", 0.5), Candidate("9", 0.47)]).prefix(10))
        let other = try ContainerCodeValue(inferringCheckDigit: "CSQU305938").string
        var search = ContainerCodeSearch()
        search.expected = Self.list(["CSQU3054383", other])
        let result = try search.search(reading)
        #expect(result.expectedMatch == nil)
        #expect(result.needsReview)
    }

    @Test("The voter's level: one read, two agreeing reads, an expected code")
    func voterLevels() throws {
        var voter = ContainerCodeVoter(minimumReads: 1)
        try voter.add(code: "CSQU3054383", confidence: 0.95)
        #expect(try voter.decision().level == .checkDigit)
        try voter.add(code: "CSQU3054383", confidence: 0.95)
        #expect(try voter.decision().level == .repeated)

        var inferred = ContainerCodeVoter(minimumReads: 1)
        try inferred.add(code: "CSQU305438", confidence: 0.95)
        try inferred.add(code: "CSQU305438", confidence: 0.95)
        #expect(try inferred.decision().level == .unverified)

        var expected = ContainerCodeVoter()
        expected.search.expected = Self.list(["CSQU3054383"])
        try expected.add(code: "CSQU3054383", confidence: 0.95)
        let decision = try expected.decision()
        #expect(decision.level == .expected)
        #expect(!decision.needsReview)
    }
}
