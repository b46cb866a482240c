/// The painted markings of a container door that fit some plate formats: weights and volumes
/// ("30480 KG", "2250 KGS", "67200 LBS") and the words around them (MAX GROSS, TARE, PAYLOAD).
/// A gate photo shows them beside the truck's plate, so a read that looks like one is left for
/// review rather than announced.
enum ContainerMarkings {
    /// Units painted after a number of three or more digits.
    static let units = ["KGS", "KG", "LBS", "LB", "CUM", "CUFT", "M3"]
    /// Words (or their first letters, as OCR cuts them) of the door's data plate.
    static let words = ["MAX", "GROS", "TARE", "NET", "PAYL", "CAUT", "CUB", "CAP", "WEIGHT", "MGW"]

    /// Why `text` (or the OCR's own `raw` reading) looks like a container marking, or nil. The
    /// unit may have been resolved to look-alikes by a pattern (`30480KG` read as `3048DKG`,
    /// `8600LBS` as `86001BS`), so the number's letters count as digits and the unit's digits
    /// as letters.
    static func reason(_ text: String, raw: String = "") -> String? {
        for candidate in [text, raw] {
            let characters = Array(candidate)
            for unit in units where characters.count > unit.count + 2 {
                let tail = characters.suffix(unit.count).map(asLetter)
                let number = characters.dropLast(unit.count).suffix(3).map(asDigit)
                if String(tail) == unit, number.allSatisfy(\.isNumber) {
                    return "reads like a weight or volume painted on a container (a number and \(unit))"
                }
            }
            for word in words where candidate.contains(word) {
                return "reads like a container marking (\(word))"
            }
        }
        return nil
    }

    private static func asLetter(_ character: Character) -> Character {
        switch character {
        case "1": "L"
        case "5": "S"
        case "0": "O"
        case "6": "G"
        case "8": "B"
        default: character
        }
    }

    private static func asDigit(_ character: Character) -> Character {
        switch character {
        case "D", "O", "Q": "0"
        case "I", "L": "1"
        case "S": "5"
        case "B": "8"
        case "G": "6"
        case "Z": "2"
        default: character
        }
    }
}
