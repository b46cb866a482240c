import ContainerCode

/// The painted markings of a container door that fit some plate formats: weights and volumes
/// ("30480 KG", "2250 KGS", "67200 LBS"), the words around them (MAX GROSS, TARE, PAYLOAD), the
/// ACEP plate, and the owner code over the size-type code (FANU over 45G1).
/// A gate photo shows them beside the truck's plate, so a read that looks like one is left for
/// review rather than announced.
enum ContainerMarkings {
    /// Units painted after a number of three or more digits.
    static let units = ["KGS", "KG", "LBS", "LB", "CUM", "CUFT", "CFT", "M3"]
    /// Words (or their first letters, as OCR cuts them) of the door's data plate.
    static let words = ["MAX", "GROS", "TARE", "NET", "PAYL", "CAUT", "CUB", "CAP", "WEIGHT", "MGW", "ACEP"]

    /// Why `text` (or the OCR's own `raw` reading of it, or of the whole `line` it came from)
    /// looks like a container marking, or nil. The unit may have been resolved to look-alikes by
    /// a pattern (`30480KG` read as `3048DKG`, `8600LBS` as `86001BS`), so a character also
    /// stands for its look-alikes.
    static func reason(_ text: String, raw: String = "", line: String = "") -> String? {
        // An owner code (three letters and U, J or Z) followed by a size-type code as the OCR
        // read it, group letter and all (22G1, 45R1): the rows FANU over 45G1 of a door, read
        // as one line, fit a German format as FANU4561.
        for candidate in [raw, line] {
            let characters = Array(candidate)
            guard characters.count >= 8, Self.ownerCode(characters[0..<4]), Self.paintedSizeType(characters[4..<8]),
                  let sizeType = try? SizeTypeCode(parsing: String(characters[4..<8])) else { continue }
            return "reads like a container's owner and size-type codes (\(String(characters[0..<4])) \(sizeType.code))"
        }
        for candidate in [text, raw, line] {
            let characters = Array(candidate)
            for unit in units where characters.count > unit.count + 2 {
                let tail = characters.suffix(unit.count), number = characters.dropLast(unit.count).suffix(3)
                if zip(tail, unit).allSatisfy(looksLike), number.allSatisfy(looksLikeDigit) {
                    return "reads like a weight or volume painted on a container (a number and \(unit))"
                }
            }
            for word in words where candidate.contains(word) {
                return "reads like a container marking (\(word))"
            }
        }
        return nil
    }

    /// True when `code` is shaped like an owner code: three letters and the category U, J or Z.
    private static func ownerCode(_ code: ArraySlice<Character>) -> Bool {
        code.count == 4 && code.prefix(3).allSatisfy { $0.isASCII && $0.isLetter } && ["U", "J", "Z"].contains(code.last)
    }

    /// True when `code` is shaped like a size-type code painted on a box: digit, any, letter, digit.
    private static func paintedSizeType(_ code: ArraySlice<Character>) -> Bool {
        let code = Array(code)
        return code.count == 4 && code[0].isASCII && code[0].isNumber && code[2].isASCII && code[2].isLetter
            && code[3].isASCII && code[3].isNumber
    }

    private static func looksLike(_ read: Character, _ wanted: Character) -> Bool {
        read == wanted || LookAlikes.of(read).contains(wanted)
    }

    private static func looksLikeDigit(_ read: Character) -> Bool {
        TextNormalization.isDigit(read) || LookAlikes.of(read).contains(where: TextNormalization.isDigit)
    }
}
