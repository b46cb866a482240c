import ContainerCode
import Testing

@Suite("Size and type codes from OCR candidates")
struct SizeTypeSearchTests {
    @Test("a clean reading comes back with high confidence")
    func clean() throws {
        let read = try #require(SizeTypeSearch.search(Readings.confident("45G1")))
        #expect(read.code.code == "45G1")
        #expect(read.confidence > 0.99)
    }

    @Test("look-alikes are mapped where the table wants the other class", arguments: [
        ("226I", "22G1"), ("42GI", "42G1"), ("L5G1", "L5G1"), ("22RO", "22R0"), ("4561", "45G1"),
    ])
    func lookAlikes(raw: String, expected: String) throws {
        #expect(SizeTypeSearch.search(Readings.confident(raw))?.code.code == expected)
    }

    @Test("text that no valid code can come from gives nothing", arguments: ["KGSX", "MAXG", "9999"])
    func invalid(raw: String) {
        #expect(SizeTypeSearch.search(Readings.confident(raw)) == nil)
    }

    @Test("a split position lowers the confidence and the more probable valid code wins")
    func split() throws {
        // 22G1 or 22R1: both are in the table.
        let reading = Readings.replacing(Readings.confident("22G1"), at: 2, with: [Candidate("G", 0.55), Candidate("R", 0.4)])
        let read = try #require(SizeTypeSearch.search(reading))
        #expect(read.code.code == "22G1")
        #expect(read.confidence < 0.6 && read.confidence > 0.5)
    }

    @Test("only four positions are a size and type code")
    func wrongLength() {
        #expect(SizeTypeSearch.search(Readings.confident("22G")) == nil)
        #expect(SizeTypeSearch.search(Readings.confident("22G1X")) == nil)
    }
}
