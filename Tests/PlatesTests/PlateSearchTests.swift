import ContainerCode
import Plates
import Testing

/// A line whose characters were read at `probability`, except where `alternatives` gives a
/// position's candidates.
func line(_ text: String, _ alternatives: [Int: [(Character, Double)]] = [:], probability: Double = 0.98) -> [CharacterCandidates] {
    Array(text).enumerated().map { index, character in
        if let given = alternatives[index] { return CharacterCandidates(given.map { Candidate($0.0, $0.1) }) }
        return CharacterCandidates([Candidate(character, probability)])
    }
}

@Suite("Plate search")
struct PlateSearchTests {
    @Test("A clean read that fits is sure, with its pattern's name")
    func clean() throws {
        let search = PlateSearch(patterns: try PlatePresets.patterns("uk"))
        let read = try #require(search.search(line("AB12 CDE")))
        #expect(read.text == "AB12CDE")
        #expect(read.pattern == "uk")
        #expect(!read.needsReview)
        #expect(read.correctedPositions.isEmpty)
    }

    @Test("Look-alikes are resolved by the pattern, and the corrected positions say where")
    func lookAlikes() throws {
        let search = PlateSearch(patterns: try PlatePresets.patterns("uk"))
        // O read where a digit must be, 8 where a letter must be.
        let read = try #require(search.search(line("ABO2C8E")))
        #expect(read.text == "AB02CBE")
        #expect(read.correctedPositions == [2, 5])
        #expect(read.rawText == "ABO2C8E")
    }

    @Test("A runner-up within the pattern keeps the read under review")
    func ambiguous() throws {
        let search = PlateSearch(patterns: try PlatePresets.patterns("uk"))
        let read = try #require(search.search(line("AB12CDE", [6: [("E", 0.5), ("F", 0.45)]])))
        #expect(read.text == "AB12CDE")
        #expect(read.needsReview)
        #expect(read.confidence < 0.6)
    }

    @Test("Two patterns that make different texts of one read about equally halve the confidence")
    func twoPatterns() throws {
        let letters = try PlatePattern(name: "letters", source: "LLLL DD")
        let digits = try PlatePattern(name: "digits", source: "LLL DDD")
        // The fourth character is O or 0, about evenly.
        let read = line("ABCO23", [3: [("O", 0.5), ("0", 0.48)]])
        let both = try #require(PlateSearch(patterns: [letters, digits]).search(read))
        #expect(both.needsReview, "confidence \(both.confidence)")
        #expect(both.confidence < 0.6)
        let one = try #require(PlateSearch(patterns: [digits]).search(read))
        #expect(one.text == "ABC023")
        #expect(!one.needsReview, "with one pattern the class decides: confidence \(one.confidence)")
        // A layout both patterns share, giving the same text, counts once.
        let same = try #require(PlateSearch(patterns: [digits, try PlatePattern(name: "again", source: "LLL DD[0-9]")]).search(line("ABC123")))
        #expect(!same.needsReview)
    }

    @Test("A line no pattern fits gives no plate")
    func noFit() throws {
        let search = PlateSearch(patterns: try PlatePresets.patterns("uk"))
        #expect(search.search(line("MAXGROSS")) == nil)
        #expect(search.search(line("")) == nil)
        #expect(search.search(line("A-B")) == nil)
    }

    @Test("Chinese province characters are kept; an O on a Chinese plate is read as 0")
    func chinese() throws {
        let search = PlateSearch(patterns: try PlatePresets.patterns("cn"))
        let read = try #require(search.search(line("粤B·1234O")))
        #expect(read.text == "粤B12340")
        #expect(read.pattern == "cn")
    }

    @Test("The voter decides by weight and says how many frames agreed")
    func voter() throws {
        let search = PlateSearch(patterns: try PlatePresets.patterns("uk"))
        var voter = PlateVoter()
        #expect(voter.decision() == nil)
        let right = try #require(search.search(line("AB12CDE")))
        let wrong = try #require(search.search(line("AB12CDF", [6: [("F", 0.5), ("E", 0.4)]])))
        voter.add(right)
        var decision = try #require(voter.decision())
        #expect(decision.needsReview, "one frame is not enough")
        voter.add(wrong)
        voter.add(right)
        voter.add(right)
        decision = try #require(voter.decision())
        #expect(decision.text == "AB12CDE")
        #expect(decision.readCount == 4)
        #expect(decision.agreeingReadCount == 3)
        #expect(!decision.needsReview, "\(decision.reviewReasons)")

        var split = PlateVoter()
        split.add(right)
        split.add(right)
        split.add(try #require(search.search(line("AB12CDF"))))
        let divided = try #require(split.decision())
        #expect(divided.needsReview)
        #expect(divided.reviewReasons.contains { $0.contains("AB12CDF") })
    }
}

@Suite("Plate search without a region")
struct PlateSearchRegionTests {
    @Test("with every preset because none was chosen, a clean read still needs review, and says why")
    func noRegion() throws {
        var search = PlateSearch(patterns: PlatePresets.all, regionChosen: false)
        let clean = line("AB12CDE", probability: 0.99)
        let read = try #require(search.search(clean))
        #expect(read.text == "AB12CDE")
        #expect(read.reviewReasons.contains { $0.contains("no plate region") })
        search.regionChosen = true
        #expect(try #require(search.search(clean)).reviewReasons.allSatisfy { !$0.contains("no plate region") })
    }
}

@Suite("Plate search and container markings")
struct ContainerMarkingTests {
    @Test("a weight painted on a door fits the Spanish and Dutch formats but is never announced", arguments: [
        ("es", "2250KGS"), ("es", "8600LBS"), ("es", "86001BS"), ("es", "2700CFT"), ("nl", "30480KG"), ("pl", "MAX6ROS"),
        ("de", "FANU45G1"), ("pl", "ACEPDHH3"),
    ])
    func markings(region: String, text: String) throws {
        let read = try #require(PlateSearch(patterns: try PlatePresets.patterns(region)).search(line(text, probability: 0.99)))
        #expect(read.reviewReasons.contains { $0.contains("container") }, "\(read.reviewReasons)")
    }

    @Test("a plate with the same letters but no number before them is announced")
    func plate() throws {
        let read = try #require(PlateSearch(patterns: try PlatePresets.patterns("es")).search(line("2250BCD", probability: 0.99)))
        #expect(!read.needsReview)
    }
}

@Suite("Plate search and look-alikes")
struct LookAlikeLimitTests {
    @Test("a line that fits only by reading two characters as look-alikes needs review")
    func twoLookAlikes() throws {
        let search = PlateSearch(patterns: try PlatePresets.patterns("fr"))
        let read = try #require(search.search(line("8A2O1BS", probability: 0.99)))
        #expect(read.correctedPositions.count >= 2)
        #expect(read.reviewReasons.contains { $0.contains("look-alikes") }, "\(read.reviewReasons)")
        let single = try #require(PlateSearch(patterns: try PlatePresets.patterns("uk")).search(line("AB12ODE", probability: 0.99)))
        #expect(single.text == "AB12ODE")
    }

    // Words on container doors, read clearly, that fit German formats once their last letter
    // is read as a digit.
    @Test("a word whose only digits are look-alikes of its letters needs review", arguments: ["HIGH", "GLOBAL", "CUCA", "TALIA"])
    func words(text: String) throws {
        let read = try #require(PlateSearch(patterns: try PlatePresets.patterns("de")).search(line(text, probability: 0.99)))
        #expect(read.correctedPositions.count == 1)
        #expect(read.reviewReasons.contains { $0.contains("no digit was read") }, "\(read.reviewReasons)")
    }

    @Test("a text that fits only without an end character read clearly needs review; one read unsurely is left out")
    func leftOutCharacter() throws {
        let search = PlateSearch(patterns: try PlatePresets.patterns("uk"))
        // A two-line plate's band letter (the K of UK) read before its lower line: GE20 KMVA.
        let clear = try #require(search.search(line("GE20KMVA", probability: 0.97)))
        #expect(clear.text == "GE20KMV")
        #expect(clear.reviewReasons.contains { $0.contains("without a character read at 97%") }, "\(clear.reviewReasons)")
        // A screw read unsurely after the plate: left out, and the plate is sure.
        let screw = try #require(search.search(line("AB12CDEI", [7: [("I", 0.4)]], probability: 0.99)))
        #expect(screw.text == "AB12CDE")
        #expect(!screw.needsReview, "\(screw.reviewReasons)")
    }

    @Test("a plate with one digit read as its look-alike and others read as digits stays sure")
    func oneLookAlikeAmongDigits() throws {
        let read = try #require(PlateSearch(patterns: try PlatePresets.patterns("uk")).search(line("AB1ZCDE", probability: 0.99)))
        #expect(read.text == "AB12CDE")
        #expect(!read.needsReview, "\(read.reviewReasons)")
    }
}

@Suite("Plate search: lines that nearly fit")
struct NearlyFitsTests {
    @Test("a line a character short, long or off of a pattern nearly fits; other text does not", arguments: [
        ("cn", "津487MW", true),      // the city letter missed
        ("uk", "AB12CDEF", true),     // a screw read as a letter
        ("fr", "YY734F!", true),      // dirt read as a mark
        ("pl", "220617", true),       // the first letter missed, the second read as its look-alike
        ("uk", "AB12C", false),       // two short
        ("pl", "AUTONOWAK", false),
        ("uk", "SPORT", false),
        ("uk", "CITYCARSLTD", false),
    ])
    func nearlyFits(region: String, text: String, fits: Bool) throws {
        let search = PlateSearch(patterns: try PlatePresets.patterns(region))
        #expect(search.nearlyFits(line(text)) == fits)
    }

    @Test("a line that fits exactly nearly fits too")
    func exact() throws {
        #expect(PlateSearch(patterns: try PlatePresets.patterns("uk")).nearlyFits(line("AB12CDE")))
    }
}
