import ContainerCode
import Testing

@Suite("Check digit")
struct CheckDigitTests {
    @Test("Real container codes validate", arguments: [
        "CSQU3054383", "PSSU1102456", "BSIU2253788", "CBCU2000317", "MSKU1234565", "DFSU4382559",
    ])
    func realCodesValidate(code: String) throws {
        let parsed = try ContainerCodeValue(parsing: code)
        #expect(parsed.string == code)
        #expect(try CheckDigit.compute(for: code.prefix(10)) == Reference.checkDigit(code))
    }

    @Test("Known check digits, computed from the first ten characters")
    func knownCheckDigits() throws {
        #expect(try CheckDigit.compute(for: "CSQU305438") == 3)
        #expect(try CheckDigit.compute(for: "PSSU110245") == 6)
        #expect(try CheckDigit.compute(for: "BSIU225378") == 8)
        #expect(try CheckDigit.compute(for: "CBCU200031") == 7)
        #expect(try CheckDigit.compute(for: "MSKU123456") == 5)
        #expect(try CheckDigit.compute(for: "DFSU438255") == 9)
    }

    @Test("Letter values match the table printed in the standard")
    func letterValues() {
        for letter in Reference.letters {
            #expect(CheckDigit.value(of: letter) == Reference.letterValues[letter], "letter \(letter)")
            #expect(CheckDigit.value(of: Character(letter.lowercased())) == Reference.letterValues[letter])
        }
        for digit in 0...9 {
            #expect(CheckDigit.value(of: Character(String(digit))) == digit)
        }
        #expect(CheckDigit.value(of: "-") == nil)
        #expect(CheckDigit.value(of: "É") == nil)
    }

    @Test("No letter value is a multiple of 11")
    func noMultipleOfEleven() {
        for letter in Reference.letters {
            #expect(CheckDigit.value(of: letter)! % 11 != 0)
        }
    }

    @Test("Weights are 2^position modulo 11")
    func weights() {
        #expect((0...9).map(CheckDigit.weight(atPosition:)) == [1, 2, 4, 8, 5, 10, 9, 7, 3, 6])
    }

    @Test("Library agrees with the reference on random codes")
    func agreesWithReference() throws {
        var generator = SplitMix64(seed: 6346)
        for _ in 0..<5000 {
            let code = Reference.randomCode(using: &generator)
            #expect(try CheckDigit.remainder(for: code.prefix(10)) == Reference.remainder(code))
            #expect(try CheckDigit.compute(for: code.prefix(10)) == Reference.checkDigit(code))
            #expect(ContainerCodeValue.isValid(code))
        }
    }

    @Test("A remainder of 10 gives check digit 0")
    func remainderTenIsZero() {
        #expect(CheckDigit.digit(forRemainder: 10) == 0)
        #expect(CheckDigit.digit(forRemainder: 0) == 0)
        #expect(CheckDigit.digit(forRemainder: 7) == 7)
    }

    @Test("Compute rejects the wrong length and characters without a value")
    func computeErrors() {
        #expect(throws: ContainerCodeError.wrongLength(expected: 10, found: 11)) {
            try CheckDigit.compute(for: "CSQU3054383")
        }
        #expect(throws: ContainerCodeError.invalidCharacter("#", position: 4)) {
            try CheckDigit.compute(for: "CSQU#05438")
        }
    }
}
