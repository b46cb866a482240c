/// A size/type code read from OCR candidates, with how sure it is.
public struct SizeTypeRead: Hashable, Sendable {
    /// The valid code, e.g. `45G1`.
    public let code: SizeTypeCode
    /// The code's probability over that of every valid code the candidates allow (0...1).
    public let confidence: Double
}

/// Finds the most probable valid size/type code (ISO 6346 table) among four positions of OCR
/// candidates. The type is a letter and a digit, so there a digit read where the letter belongs,
/// or the reverse, counts as its usual look-alike (`6` as `G`, `I` as `1`...) at half its
/// probability, as in the code search. The first two characters may be letters or digits, so
/// they are taken as read.
public enum SizeTypeSearch {
    /// The best valid code, or nil when no combination of the candidates is in the table.
    public static func search(_ positions: [CharacterCandidates]) -> SizeTypeRead? {
        guard positions.count == 4 else { return nil }
        let options = positions.enumerated().map { alternatives($1, letter: $0 == 2, digit: $0 == 3) }
        var best: (code: SizeTypeCode, probability: Double)?
        var total = 0.0
        for a in options[0] {
            for b in options[1] {
                for c in options[2] {
                    for d in options[3] {
                        let text = String([a.character, b.character, c.character, d.character])
                        guard let code = try? SizeTypeCode(parsing: text) else { continue }
                        let probability = a.probability * b.probability * c.probability * d.probability
                        total += probability
                        if probability > best?.probability ?? 0 { best = (code, probability) }
                    }
                }
            }
        }
        guard let best, total > 0 else { return nil }
        return SizeTypeRead(code: best.code, confidence: min(best.probability / total, 1))
    }

    /// The candidates of a position, and where the position wants a `letter` or a `digit`, the
    /// look-alikes of the other class; each character once, with its best probability.
    private static func alternatives(_ candidates: CharacterCandidates, letter: Bool, digit: Bool) -> [Candidate] {
        var best: [Character: Double] = [:]
        for candidate in candidates.candidates {
            let character = TextNormalization.uppercased(candidate.character)
            best[character] = max(best[character] ?? 0, candidate.probability)
            let wrongClass = (letter && TextNormalization.isDigit(character)) || (digit && TextNormalization.isLetter(character))
            for twin in LookAlikes.of(character) where wrongClass {
                best[twin] = max(best[twin] ?? 0, candidate.probability / 2)
            }
        }
        return best.sorted { $0.key < $1.key }.map { Candidate($0.key, $0.value) }
    }
}
