import ContainerCode
import Testing

@Suite("Size and type codes")
struct SizeTypeCodeTests {
    struct Expectation: Sendable, CustomStringConvertible {
        let code: String
        let feet: Int?
        let height: String
        let group: ContainerTypeGroup
        var description: String { code }
    }

    @Test("Common codes decode", arguments: [
        Expectation(code: "22G1", feet: 20, height: "8'6\"", group: .generalPurpose),
        Expectation(code: "42G1", feet: 40, height: "8'6\"", group: .generalPurpose),
        Expectation(code: "45G1", feet: 40, height: "9'6\"", group: .generalPurpose),
        Expectation(code: "L5G1", feet: 45, height: "9'6\"", group: .generalPurpose),
        Expectation(code: "45R1", feet: 40, height: "9'6\"", group: .refrigeratedAndHeated),
        Expectation(code: "22R0", feet: 20, height: "8'6\"", group: .refrigerated),
        Expectation(code: "22U1", feet: 20, height: "8'6\"", group: .openTop),
        Expectation(code: "42P1", feet: 40, height: "8'6\"", group: .platformFixed),
        Expectation(code: "42P3", feet: 40, height: "8'6\"", group: .platformCollapsible),
        Expectation(code: "22T0", feet: 20, height: "8'6\"", group: .tankNonDangerous),
        Expectation(code: "22T6", feet: 20, height: "8'6\"", group: .tankDangerous),
        Expectation(code: "22T7", feet: 20, height: "8'6\"", group: .tankGas),
        Expectation(code: "22V0", feet: 20, height: "8'6\"", group: .ventilated),
        Expectation(code: "22B0", feet: 20, height: "8'6\"", group: .bulk),
        Expectation(code: "22B4", feet: 20, height: "8'6\"", group: .pressurisedBulk),
        Expectation(code: "22H5", feet: 20, height: "8'6\"", group: .insulated),
        Expectation(code: "20G0", feet: 20, height: "8'0\"", group: .generalPurpose),
        Expectation(code: "12G1", feet: 10, height: "8'6\"", group: .generalPurpose),
        Expectation(code: "M5G1", feet: 48, height: "9'6\"", group: .generalPurpose),
    ])
    func commonCodes(expected: Expectation) throws {
        let code = try SizeTypeCode(parsing: expected.code)
        #expect(code.code == expected.code)
        #expect(code.length.feet == expected.feet)
        #expect(code.height.description == expected.height)
        #expect(code.type.group == expected.group)
        #expect(!code.type.isGroupCode)
        #expect(!code.description.isEmpty)
    }

    @Test("Details of a high cube")
    func highCube() throws {
        let code = try SizeTypeCode(parsing: " 45g1 ")
        #expect(code.code == "45G1")
        #expect(code.length.millimetres == 12192)
        #expect(code.height.millimetres == 2895)
        #expect(code.height.nominal == FeetAndInches(feet: 9, inches: 6))
        #expect(code.width == .standard)
        #expect(code.type.code == "G1")
        #expect(code.type.details == "passive vents at upper part of cargo space")
        #expect(code.description.hasPrefix("45G1: 40 ft (12192 mm), 9'6\" high, general purpose"))
    }

    @Test("Height and width classes of the second character")
    func heightWidth() throws {
        #expect(try SizeTypeCode(parsing: "2EG1").width == .over2438UpTo2500)
        #expect(try SizeTypeCode(parsing: "2NG1").width == .over2500)
        #expect(try SizeTypeCode(parsing: "2NG1").height.nominal == FeetAndInches(feet: 9, inches: 6))
        #expect(try SizeTypeCode(parsing: "26G1").height.description == "> 9'6\"")
        #expect(try SizeTypeCode(parsing: "29P0").height.description == "<= 4'0\"")
        #expect(try SizeTypeCode(parsing: "28P0").height.description == "4'3\"")
    }

    @Test("Lengths defined only in millimetres have no feet")
    func metricLengths() throws {
        let code = try SizeTypeCode(parsing: "A2G1")
        #expect(code.length.millimetres == 7150)
        #expect(code.length.feet == nil)
        #expect(code.length.description == "7150 mm")
        #expect(try SizeTypeCode(parsing: "C2G1").length.description == "24 ft 6 in (7430 mm)")
        #expect(try SizeTypeCode(parsing: "C2G1").length.feet == nil)
    }

    @Test("Every length and height/width character is accepted")
    func allSizeCharacters() throws {
        for length in "1234ABCDEFGHKLMNP" {
            for heightWidth in "0245689CDEFLMNP" {
                #expect(throws: Never.self) { try SizeTypeCode(parsing: "\(length)\(heightWidth)G1") }
            }
        }
    }

    @Test("Group codes stand in for unknown details", arguments: ContainerTypeGroup.allCases)
    func groupCodes(group: ContainerTypeGroup) throws {
        let code = try SizeTypeCode(parsing: "22\(group.rawValue)")
        #expect(code.type.group == group)
        #expect(code.type.isGroupCode)
    }

    @Test("Every detailed type in the table parses to a group of the same letter")
    func detailedTable() throws {
        let assigned = [
            "G0", "G1", "G2", "G3", "V0", "V2", "V4", "B0", "B1", "B3", "B4", "B5", "B6", "S0", "S1", "S2",
            "R0", "R1", "R2", "R3", "H0", "H1", "H2", "H5", "H6", "U0", "U1", "U2", "U3", "U4", "U5",
            "P0", "P1", "P2", "P3", "P4", "P5", "T0", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "A0",
        ]
        for type in assigned {
            let code = try SizeTypeCode(parsing: "22\(type)")
            #expect(code.type.group.rawValue.first == type.first, "\(type)")
            #expect(!code.type.details.isEmpty)
        }
    }

    @Test("Garbage and spare codes are rejected with the character at fault", arguments: [
        ("22G", SizeTypeCodeError.wrongLength(found: 3)),
        ("22G11", .wrongLength(found: 5)),
        ("", .wrongLength(found: 0)),
        ("52G1", .unknownLengthCode("5")),
        ("R2G1", .unknownLengthCode("R")),
        ("23G1", .unknownHeightWidthCode("3")),
        ("2AG1", .unknownHeightWidthCode("A")),
        ("22X1", .unknownTypeCode("X1")),
        ("22G4", .unknownTypeCode("G4")),
        ("22V1", .unknownTypeCode("V1")),
        ("22B2", .unknownTypeCode("B2")),
        ("22H3", .unknownTypeCode("H3")),
        ("22U6", .unknownTypeCode("U6")),
        ("22P6", .unknownTypeCode("P6")),
        ("22ZZ", .unknownTypeCode("ZZ")),
        ("22??", .unknownTypeCode("??")),
    ])
    func rejected(text: String, expected: SizeTypeCodeError) {
        #expect(throws: expected) { try SizeTypeCode(parsing: text) }
    }

    @Test("Error descriptions say what is wrong")
    func descriptions() {
        #expect(SizeTypeCodeError.unknownTypeCode("X1").description.contains("X1"))
        #expect(SizeTypeCodeError.unknownLengthCode("5").description.contains("length code \"5\""))
        #expect(SizeTypeCodeError.wrongLength(found: 3).description.contains("expected 4"))
    }
}
