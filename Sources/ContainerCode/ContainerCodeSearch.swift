/// Finds the most probable valid container code from per-character OCR candidates.
///
/// Each position is constrained to its class (letters at 0-2, U/J/Z at 3,
/// digits at 4-10). A candidate from the other class counts as its usual
/// look-alike (`0`->`O`, `O`->`0`, `8`->`B`, ...) at `confusionPenalty` times
/// its probability. A code's probability is the product of its characters'
/// probabilities, and the search returns exactly the most probable codes that
/// pass the check digit (see `ResidueSearch`), without enumerating combinations.
public struct ContainerCodeSearch: Hashable, Sendable {
    /// Multiplier (0...1) on a candidate's probability when it only fits its
    /// position as a look-alike: the OCR did not read what is chosen.
    public var confusionPenalty: Double
    /// Lowest probability (0...1) of a character the OCR did not list, so a
    /// misread outside the candidate lists can still be repaired by the check digit.
    public var unlistedFloor: Double
    /// Results with a confidence below this (0...1) need review.
    public var minimumConfidence: Double

    /// Creates a search; the defaults suit top-k OCR output.
    public init(confusionPenalty: Double = 0.5, unlistedFloor: Double = 1e-4, minimumConfidence: Double = 0.9) {
        self.confusionPenalty = confusionPenalty
        self.unlistedFloor = unlistedFloor
        self.minimumConfidence = minimumConfidence
    }

    /// The most probable valid code for 11 positions, or for 10 positions
    /// (owner, category, serial) with the check digit inferred.
    public func search(_ positions: [CharacterCandidates]) throws(ContainerCodeSearchError) -> ContainerCodeSearchResult {
        let distributions = try distributions(for: positions)
        let ranked = rank(distributions, limit: 2)
        guard let best = ranked.first else { throw .noValidCode }
        let choices = Array(best.code.string)
        let inferred = positions.count == 10

        var characterProbabilities: [Double] = []
        var correctedPositions: [Int] = []
        for (position, character) in choices.enumerated() {
            guard position < distributions.count else {
                characterProbabilities.append(1)
                continue
            }
            let distribution = distributions[position]
            let index = distribution.alphabet.firstIndex(of: character) ?? 0
            characterProbabilities.append(distribution.probabilities[index])
            if distribution.topRead != character { correctedPositions.append(position) }
        }

        var reasons: [ReviewReason] = []
        if inferred { reasons.append(.checkDigitInferred) }
        if best.confidence < minimumConfidence { reasons.append(.lowConfidence(best.confidence)) }

        return ContainerCodeSearchResult(
            code: best.code,
            confidence: best.confidence,
            probability: best.probability,
            checkDigitInferred: inferred,
            weakCheckDigit: best.code.weakCheckDigit,
            characterProbabilities: characterProbabilities,
            correctedPositions: correctedPositions,
            runnerUp: ranked.count > 1 ? ranked[1] : nil,
            reviewReasons: reasons
        )
    }

    /// Up to `limit` valid codes, most probable first.
    public func rankedCodes(_ positions: [CharacterCandidates], limit: Int) throws(ContainerCodeSearchError) -> [RankedCode] {
        rank(try distributions(for: positions), limit: limit)
    }

    /// Searches a plain OCR string: each character is a certain candidate, and
    /// look-alikes from the wrong class are mapped with the confusion penalty.
    /// Spaces and dashes are ignored; 10 characters mean the check digit is missing.
    public func search(rawText: some StringProtocol) throws(ContainerCodeSearchError) -> ContainerCodeSearchResult {
        let positions = TextNormalization.compact(rawText).map(CharacterCandidates.init(certain:))
        return try search(positions)
    }

    private func rank(_ distributions: [PositionDistribution], limit: Int) -> [RankedCode] {
        let outcome = ResidueSearch.run(
            prefix: Array(distributions[0..<10]),
            checkDigit: distributions.count == 11 ? distributions[10] : nil,
            keep: max(limit, 1)
        )
        guard outcome.validMass > 0 else { return [] }
        return outcome.ranked.compactMap { path in
            let text = String(path.choices.enumerated().map { PositionClass.of(position: $0.offset).alphabet[$0.element] })
            guard let code = try? ContainerCodeValue(parsing: text) else { return nil }
            // Rounding can push the ratio a hair over 1.
            let confidence = min(path.probability / outcome.validMass, 1)
            return RankedCode(code: code, probability: path.probability, confidence: confidence)
        }
    }

    private func distributions(for positions: [CharacterCandidates]) throws(ContainerCodeSearchError) -> [PositionDistribution] {
        guard positions.count == 10 || positions.count == 11 else {
            throw .wrongPositionCount(positions.count)
        }
        var distributions: [PositionDistribution] = []
        for (position, candidates) in positions.enumerated() {
            distributions.append(try PositionDistribution(
                position: position,
                candidates: candidates,
                confusionPenalty: min(max(confusionPenalty, 0), 1),
                unlistedFloor: min(max(unlistedFloor, 0), 1)
            ))
        }
        return distributions
    }
}
