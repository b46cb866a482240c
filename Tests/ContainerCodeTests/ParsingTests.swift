import ContainerCode
import Testing

@Suite("Parsing")
struct ParsingTests {
    @Test("Parts, compact and painted forms")
    func parts() throws {
        let code = try ContainerCodeValue(parsing: "DFSU4382559")
        #expect(code.owner == "DFS")
        #expect(code.category == .freightContainer)
        #expect(code.serial == "438255")
        #expect(code.checkDigit == 9)
        #expect(code.string == "DFSU4382559")
        #expect(code.formatted == "DFSU 438255 9")
        #expect(code.description == "DFSU4382559")
    }

    @Test("Spaces, dashes and lowercase are tolerated", arguments: [
        "DFSU 438255 9", "dfsu4382559", "DFSU-438255-9", " dfsu 438255-9 ", "DFSU\t438255\t9",
    ])
    func tolerant(text: String) throws {
        #expect(try ContainerCodeValue(parsing: text).string == "DFSU4382559")
    }

    @Test("Leading zeros in the serial survive")
    func leadingZeros() throws {
        let code = try ContainerCodeValue(parsing: "CSQU0000070")
        #expect(code.serial == "000007")
        #expect(code.formatted == "CSQU 000007 0")
    }

    @Test("Categories J and Z parse")
    func otherCategories() throws {
        let equipment = try ContainerCodeValue(owner: "ABC", category: .detachableEquipment, serial: "123456")
        let chassis = try ContainerCodeValue(owner: "ABC", category: .trailerOrChassis, serial: "123456")
        #expect(try ContainerCodeValue(parsing: equipment.string).category == .detachableEquipment)
        #expect(try ContainerCodeValue(parsing: chassis.string).category == .trailerOrChassis)
        #expect(equipment.string.hasPrefix("ABCJ123456"))
        #expect(chassis.string.hasPrefix("ABCZ123456"))
    }

    @Test("Building from parts or from ten characters computes the check digit")
    func inference() throws {
        #expect(try ContainerCodeValue(owner: "CSQ", category: .freightContainer, serial: "305438").string == "CSQU3054383")
        #expect(try ContainerCodeValue(inferringCheckDigit: "csqu 305438").string == "CSQU3054383")
        #expect(throws: ContainerCodeError.wrongLength(expected: 10, found: 11)) {
            try ContainerCodeValue(inferringCheckDigit: "CSQU3054383")
        }
        #expect(throws: ContainerCodeError.serialNotDigits("3O5438")) {
            try ContainerCodeValue(owner: "CSQ", category: .freightContainer, serial: "3O5438")
        }
    }

    @Test("Errors name the problem", arguments: [
        ("CSQU305438", ContainerCodeError.wrongLength(expected: 11, found: 10)),
        ("CSQU30543833", .wrongLength(expected: 11, found: 12)),
        ("", .wrongLength(expected: 11, found: 0)),
        ("C5QU3054383", .ownerNotLetters("C5Q")),
        ("CSQX3054383", .invalidCategory("X")),
        ("CSQU3O54383", .serialNotDigits("3O5438")),
        ("CSQU305438X", .checkDigitNotDigit("X")),
        ("CSQU3054384", .checkDigitMismatch(found: 4, expected: 3)),
        ("ÇSQU3054383", .ownerNotLetters("ÇSQ")),
    ])
    func errors(text: String, expected: ContainerCodeError) {
        #expect(throws: expected) { try ContainerCodeValue(parsing: text) }
        #expect(!ContainerCodeValue.isValid(text))
    }

    @Test("Error descriptions say what is wrong")
    func descriptions() {
        #expect(ContainerCodeError.checkDigitMismatch(found: 4, expected: 3).description
            == "check digit is 4 but the code requires 3")
        #expect(ContainerCodeError.wrongLength(expected: 11, found: 10).description.contains("10 characters"))
        #expect(ContainerCodeError.ownerNotLetters("C5Q").description.contains("C5Q"))
        #expect(ContainerCodeError.invalidCategory("X").description.contains("U, J or Z"))
        #expect(ContainerCodeError.serialNotDigits("3O5438").description.contains("six digits"))
    }
}
