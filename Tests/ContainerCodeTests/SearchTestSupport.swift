import ContainerCode

/// Builders for OCR candidate lists used by the search and voter tests.
enum Readings {
    /// Every character of `text` read with `probability`, the rest of the mass left unassigned.
    static func confident(_ text: String, probability: Double = 0.98) -> [CharacterCandidates] {
        text.map { CharacterCandidates([Candidate($0, probability)]) }
    }

    /// `reading` with the candidates at `position` replaced.
    static func replacing(
        _ reading: [CharacterCandidates],
        at position: Int,
        with candidates: [Candidate]
    ) -> [CharacterCandidates] {
        var reading = reading
        reading[position] = CharacterCandidates(candidates)
        return reading
    }
}
