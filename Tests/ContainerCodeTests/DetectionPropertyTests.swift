import ContainerCode
import Testing

/// What the check digit does and does not catch, measured over thousands of
/// random valid codes. The facts verified here:
/// - category, serial and check digit: every single substitution is caught
///   unless the check digit is 0 (remainders 0 and 10 both print as 0, so one
///   substitution can move a code between them unnoticed);
/// - owner code: a letter swapped for one with a value congruent modulo 11
///   (A/K/U, B/L/V, C/M/W, ...) is never caught, any other letter always is;
/// - adjacent transpositions are usually but not always caught.
@Suite("Error detection properties")
struct DetectionPropertyTests {
    static let sampleSize = 3000
    static let alphanumerics = Reference.letters + Reference.digits

    static func randomCodes(seed: UInt64) -> [String] {
        var generator = SplitMix64(seed: seed)
        return (0..<sampleSize).map { _ in Reference.randomCode(using: &generator) }
    }

    @Test("Every substitution at positions 3-10 is caught when the check digit is not 0")
    func substitutionsCaughtOutsideOwner() {
        var tried = 0
        var missed: [String] = []
        for code in Self.randomCodes(seed: 1) where code.last != "0" {
            let characters = Array(code)
            for position in 3...10 {
                for replacement in Self.alphanumerics where replacement != characters[position] {
                    tried += 1
                    let altered = Reference.replacing(code, at: position, with: replacement)
                    if ContainerCodeValue.isValid(altered) { missed.append("\(code) -> \(altered)") }
                }
            }
        }
        #expect(tried > 500_000)
        #expect(missed.isEmpty, "\(missed.prefix(5))")
    }

    @Test("An owner letter substitution is caught exactly when the values differ modulo 11")
    func ownerSubstitutions() {
        var missed = 0
        var wrong: [String] = []
        for code in Self.randomCodes(seed: 2) where code.last != "0" {
            let characters = Array(code)
            for position in 0..<3 {
                let original = characters[position]
                for replacement in Self.alphanumerics where replacement != original {
                    let altered = Reference.replacing(code, at: position, with: replacement)
                    let congruent = replacement.isLetter
                        && Reference.value(replacement) % 11 == Reference.value(original) % 11
                    if ContainerCodeValue.isValid(altered) != congruent { wrong.append("\(code) -> \(altered)") }
                    if congruent { missed += 1 }
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        #expect(missed > 0)
        // The documented blind spot, concretely: A, K and U all count 10 modulo 11.
        #expect(ContainerCodeValue.isValid("AKCU1234567"))
        #expect(ContainerCodeValue.isValid("KKCU1234567"))
    }

    @Test("With check digit 0 some serial substitutions slip through, always between remainders 0 and 10")
    func checkDigitZeroIsWeak() throws {
        var missed = 0
        for code in Self.randomCodes(seed: 3) where code.last == "0" {
            let characters = Array(code)
            for position in 4...9 {
                for replacement in Reference.digits where replacement != characters[position] {
                    let altered = Reference.replacing(code, at: position, with: replacement)
                    guard ContainerCodeValue.isValid(altered) else { continue }
                    missed += 1
                    #expect(Set([Reference.remainder(code), Reference.remainder(altered)]) == [0, 10])
                    #expect(try ContainerCodeValue(parsing: altered).weakCheckDigit)
                }
            }
        }
        #expect(missed > 0)
    }

    @Test("Remainder-10 codes exist and are flagged weak")
    func remainderTenFlagged() throws {
        var generator = SplitMix64(seed: 4)
        var found = 0
        for _ in 0..<Self.sampleSize {
            let code = Reference.randomCode(using: &generator)
            let parsed = try ContainerCodeValue(parsing: code)
            #expect(parsed.weakCheckDigit == (code.last == "0"))
            if Reference.remainder(code) == 10 {
                found += 1
                #expect(parsed.checkDigit == 0)
                #expect(parsed.weakCheckDigit)
            }
        }
        // About one code in eleven.
        #expect(found > Self.sampleSize / 20)

        // A concrete pair one digit apart, both valid: remainder 10 and remainder 0.
        #expect(try CheckDigit.remainder(for: "CSQU000007") == 10)
        #expect(try CheckDigit.remainder(for: "CSQU000009") == 0)
        #expect(try ContainerCodeValue(parsing: "CSQU0000070").weakCheckDigit)
        #expect(try ContainerCodeValue(parsing: "CSQU0000090").weakCheckDigit)
        #expect(try !ContainerCodeValue(parsing: "CSQU3054383").weakCheckDigit)
    }

    @Test("Adjacent serial transpositions are caught when the check digit is not 0")
    func serialTranspositionsCaught() {
        var missed: [String] = []
        for code in Self.randomCodes(seed: 5) where code.last != "0" {
            let characters = Array(code)
            for position in 3...8 where characters[position] != characters[position + 1] {
                let swapped = Reference.swapping(code, at: position)
                if ContainerCodeValue.isValid(swapped) { missed.append("\(code) -> \(swapped)") }
            }
        }
        #expect(missed.isEmpty, "\(missed.prefix(5))")
    }

    @Test("Adjacent transpositions are not always caught")
    func transpositionsSometimesMissed() {
        var missedByPosition = [Int](repeating: 0, count: 10)
        for code in Self.randomCodes(seed: 6) {
            let characters = Array(code)
            for position in 0...9 where characters[position] != characters[position + 1] {
                let swapped = Reference.swapping(code, at: position)
                if ContainerCodeValue.isValid(swapped) { missedByPosition[position] += 1 }
            }
        }
        // Owner letters congruent modulo 11, and the last serial digit with the check digit.
        #expect(missedByPosition[0] > 0)
        #expect(missedByPosition[9] > 0)
        #expect(ContainerCodeValue.isValid("AKCU1234567") && ContainerCodeValue.isValid("KACU1234567"))
        #expect(ContainerCodeValue.isValid("CSQU3051403") && ContainerCodeValue.isValid("CSQU3051430"))
    }
}
