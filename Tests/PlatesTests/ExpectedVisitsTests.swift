import Plates
import Testing

@Suite("Expected visits: the list and how a visit matches it")
struct ExpectedVisitsTests {
    let list = try! ExpectedVisits(parsing: """
        # plate, then the containers it brings
        GT19 PSX  PSGU4182735
        AB12CDE MSKU1234565 PSGU4182735
        YX19ABC
        """)

    @Test("plates are kept without separators, with their containers; comments and blank lines are skipped")
    func parses() {
        #expect(list.count == 3)
        #expect(list.containers["GT19PSX"] == ["PSGU4182735"])
        #expect(list.containers["YX19ABC"] == [])
    }

    @Test("a bad line names its number and what is wrong", arguments: [
        ("GT19PSX PSGU4182736", "line 1: 'PSGU4182736' is not a container code"),
        ("GT19PSX\nGT19 PSX", "line 2: plate GT19PSX is listed twice"),
        ("\nG€19PSX", "line 2: 'G€19PSX' is not a plate"),
    ])
    func errors(text: String, message: String) {
        let error = #expect(throws: ExpectedVisitsError.self) { try ExpectedVisits(parsing: text) }
        #expect(error?.description.hasPrefix(message) == true, "\(error?.description ?? "")")
    }

    @Test("an exact plate matches and its containers are compared")
    func exact() {
        let match = list.match(plate: "AB12CDE", codes: ["PSGU4182735", "TGHU1234567"])
        #expect(match.plate == "AB12CDE" && match.corrected.isEmpty)
        #expect(match.unexpectedContainers == ["TGHU1234567"])
        #expect(match.missingContainers == ["MSKU1234565"])
    }

    @Test("one character off a single expected plate is corrected; sure only when the two are look-alikes")
    func corrected() {
        let lookAlike = list.match(plate: "GT19P5X", codes: [])
        #expect(lookAlike.plate == "GT19PSX" && lookAlike.corrected == [5] && lookAlike.lookAlikesOnly)
        let other = list.match(plate: "GT19PKX", codes: [])
        #expect(other.plate == "GT19PSX" && !other.lookAlikesOnly)
        // Two characters off, or a plate of another length: not expected.
        #expect(list.match(plate: "GT18P5X", codes: []).plate == nil)
        #expect(list.match(plate: "GT19PS", codes: []).plate == nil)
        #expect(list.match(plate: nil, codes: ["PSGU4182735"]).unexpectedContainers == ["PSGU4182735"])
    }

    @Test("a read one character off two expected plates is not resolved to either")
    func ambiguous() throws {
        let twins = try ExpectedVisits(parsing: "GT19PSX\nGT19PSY")
        #expect(twins.match(plate: "GT19PSZ", codes: []).plate == nil)
    }
}
