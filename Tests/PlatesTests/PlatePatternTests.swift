import Plates
import Testing

@Suite("Plate patterns")
struct PlatePatternTests {
    @Test("The pattern language compiles letters, digits, sets, repeats and fixed characters")
    func compiles() throws {
        let uk = try PlatePattern(name: "uk", source: "LLDD LLL")
        #expect(uk.lengths == 7...7)
        #expect(uk.matches(Array("AB12CDE")))
        #expect(!uk.matches(Array("AB12CD3")))
        #expect(!uk.matches(Array("AB12CD")))

        let german = try PlatePattern(name: "de", source: "L{1,3} L{1,2} D{1,4}")
        #expect(german.lengths == 3...9)
        #expect(german.matches(Array("BMW1234")))
        #expect(!german.matches(Array("1BMW123")))

        let fixed = try PlatePattern(name: "cd", source: "\\C\\D DDD")
        #expect(fixed.matches(Array("CD123")))
        #expect(!fixed.matches(Array("CE123")))

        let spanish = try PlatePattern(name: "es", source: "DDDD [BCDFGHJ-NP-TV-Z]{3}")
        #expect(spanish.matches(Array("1234BCD")))
        #expect(!spanish.matches(Array("1234ABC")), "vowels are not in the set")
    }

    @Test("Non-Latin characters are kept when the pattern lists them")
    func chinese() throws {
        let pattern = try PlatePattern(name: "cn", source: "[京沪粤]L·A{5}")
        #expect(pattern.matches(Array("粤B12345")))
        #expect(!pattern.matches(Array("苏B12345")))
    }

    @Test("Layouts of a pattern with repeats are each listed once")
    func layouts() throws {
        let pattern = try PlatePattern(name: "de", source: "L{1,3} L{1,2} D{1,4}")
        let layouts = pattern.layouts(length: 7)
        #expect(layouts.count == Set(layouts).count)
        #expect(layouts.allSatisfy { $0.count == 7 })
        #expect(pattern.layouts(length: 10).isEmpty)
    }

    @Test("Malformed patterns name the problem and where it is", arguments: [
        ("LLX", "'X' at character 3"),
        ("L[AB", "no closing ]"),
        ("L[]", "is empty"),
        ("{2}L", "must follow"),
        ("L{3,1}", "is not {n} or {m,n}"),
        ("L{2", "no closing }"),
        ("L[Z-A]", "not in order"),
        ("   ", "no character positions"),
        ("A{13}", "more than 12"),
    ])
    func malformed(source: String, expected: String) {
        do {
            _ = try PlatePattern(name: "bad", source: source)
            Issue.record("'\(source)' compiled")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(error.description.contains(source))
        }
    }

    @Test("Every preset compiles, and an unknown one lists the known ones")
    func presets() throws {
        for name in PlatePresets.names {
            #expect(try !PlatePresets.patterns(name).isEmpty)
        }
        #expect(try PlatePresets.patterns("UK").first?.matches(Array("AB12CDE")) == true)
        #expect(try PlatePresets.patterns("fr").first?.matches(Array("AB123CD")) == true)
        #expect(try PlatePresets.patterns("nl").contains { $0.matches(Array("12BDF3")) })
        #expect(try PlatePresets.patterns("cn").first?.matches(Array("粤B12345")) == true)
        #expect(try PlatePresets.patterns("cn").first?.matches(Array("粤B1234O")) == false, "no O on Chinese plates")
        // The letters each country leaves out: I and Q in Britain; I, O and U in France; I, O, Q
        // and U in Italy; B, D, I, O and Z after a Polish district.
        #expect(try PlatePresets.patterns("uk").first?.matches(Array("AI12CDE")) == false)
        #expect(try PlatePresets.patterns("fr").first?.matches(Array("AB123CU")) == false)
        #expect(try PlatePresets.patterns("it").first?.matches(Array("AQ123CD")) == false)
        #expect(try PlatePresets.patterns("pl").contains { $0.matches(Array("ZPL4T0L")) })
        #expect(try !PlatePresets.patterns("pl").contains { $0.matches(Array("ZPL4TOL")) })
        #expect(try PlatePresets.patterns("pl").contains { $0.matches(Array("WA12345")) })
        #expect(throws: PlatePatternError.unknownPreset(name: "xx", known: PlatePresets.names)) {
            try PlatePresets.patterns("xx")
        }
    }
}
