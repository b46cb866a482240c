/// The probability of every allowed character at one position, built from
/// the OCR candidates.
struct PositionDistribution: Sendable {
    /// The allowed characters at this position.
    let alphabet: [Character]
    /// ISO 6346 values of `alphabet`, precomputed for the residue search.
    let values: [Int]
    /// Probability of each character of `alphabet`.
    let probabilities: [Double]
    /// The OCR's own top character here (uppercased), used to report corrections.
    let topRead: Character?

    /// Candidates in the class keep their probability; look-alikes from the
    /// other class are multiplied by `confusionPenalty`. Probability the OCR
    /// left unassigned is shared by the unlisted characters, which never drop
    /// below `unlistedFloor` so the check digit can still repair a misread.
    init(
        position: Int,
        candidates: CharacterCandidates,
        confusionPenalty: Double,
        unlistedFloor: Double
    ) throws(ContainerCodeSearchError) {
        let positionClass = PositionClass.of(position: position)
        alphabet = positionClass.alphabet
        values = alphabet.map { CheckDigit.value(of: $0) ?? 0 }

        var probabilities = [Double](repeating: 0, count: alphabet.count)
        var listed = [Bool](repeating: false, count: alphabet.count)
        var admittedMass = 0.0
        for candidate in candidates.candidates {
            let probability = candidate.probability
            guard probability.isFinite, probability >= 0, probability <= 1 else {
                throw .invalidProbability(position: position, value: probability)
            }
            guard let admitted = positionClass.admit(candidate.character),
                  let index = alphabet.firstIndex(of: admitted.character) else { continue }
            probabilities[index] += admitted.viaConfusion ? probability * confusionPenalty : probability
            listed[index] = true
            admittedMass += probability
        }

        let unlistedCount = listed.filter { !$0 }.count
        if unlistedCount > 0 {
            let share = max(max(0, 1 - admittedMass) / Double(unlistedCount), unlistedFloor)
            for index in alphabet.indices where !listed[index] {
                probabilities[index] = share
            }
        }
        self.probabilities = probabilities.map { min($0, 1) }
        topRead = candidates.best.map { TextNormalization.uppercased($0.character) }
    }
}
