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
    /// A code less probable than this share of the OCR's own best reading needs review: the
    /// confidence is a share among valid codes only, so when the reading itself fails the check
    /// digit, the valid code that repairs it can look sure while it changes characters the OCR
    /// read clearly.
    public var minimumReadingShare = 0.05
    /// The containers expected; a reading that supports one is resolved to it (see `ExpectedMatch`).
    public var expected = ExpectedCodes.none
    /// How many times an expected code outweighs an unexpected one. Below 9, a match needs the
    /// expected code to hold more than half of the reading's own probability, so the list can
    /// confirm what the camera read but never outvote it (see `matchExpected`); 8 is the most
    /// trust that keeps this.
    public var expectedWeight = 8.0
    /// The most characters an expected code may differ from the OCR's top reading.
    public var maximumCorrections = 2
    /// The least probability the OCR must give a corrected character for the match to count:
    /// above `unlistedFloor`, so the character (or a look-alike) was among the OCR's candidates.
    public var supportFloor = 1e-3

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
        let (ranked, validMass) = rank(distributions, limit: 2)
        guard let best = ranked.first else { throw .noValidCode }
        let match = matchExpected(distributions, validMass: validMass)
        let code = match?.code ?? best.code
        let choices = Array(code.string)
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

        // A match to an expected code is verified by the list; only a plain reading needs review
        // for an unseen check digit or a low confidence.
        var reasons: [ReviewReason] = []
        if inferred, match == nil { reasons.append(.checkDigitInferred) }
        if match == nil, best.confidence < minimumConfidence { reasons.append(.lowConfidence(best.confidence)) }
        let reading = distributions.reduce(1.0) { $0 * ($1.probabilities.max() ?? 0) }
        if match == nil, reading > 0, best.probability < minimumReadingShare * reading {
            reasons.append(.repairedAgainstReading(share: best.probability / reading))
        }

        return ContainerCodeSearchResult(
            code: code,
            confidence: match?.confidence ?? best.confidence,
            probability: match == nil ? best.probability : characterProbabilities.reduce(1, *),
            checkDigitInferred: inferred,
            weakCheckDigit: code.weakCheckDigit,
            characterProbabilities: characterProbabilities,
            correctedPositions: correctedPositions,
            runnerUp: ranked.first { $0.code != code },
            reviewReasons: reasons,
            expectedMatch: match
        )
    }

    /// Up to `limit` valid codes, most probable first.
    public func rankedCodes(_ positions: [CharacterCandidates], limit: Int) throws(ContainerCodeSearchError) -> [RankedCode] {
        rank(try distributions(for: positions), limit: limit).ranked
    }

    /// Searches a plain OCR string: each character is a certain candidate, and
    /// look-alikes from the wrong class are mapped with the confusion penalty.
    /// Spaces and dashes are ignored; 10 characters mean the check digit is missing.
    public func search(rawText: some StringProtocol) throws(ContainerCodeSearchError) -> ContainerCodeSearchResult {
        let positions = TextNormalization.compact(rawText).map(CharacterCandidates.init(certain:))
        return try search(positions)
    }

    private func rank(_ distributions: [PositionDistribution], limit: Int) -> (ranked: [RankedCode], validMass: Double) {
        let outcome = ResidueSearch.run(
            prefix: Array(distributions[0..<10]),
            checkDigit: distributions.count == 11 ? distributions[10] : nil,
            keep: max(limit, 1)
        )
        guard outcome.validMass > 0 else { return ([], 0) }
        let ranked: [RankedCode] = outcome.ranked.compactMap { path in
            let text = String(path.choices.enumerated().map { PositionClass.of(position: $0.offset).alphabet[$0.element] })
            guard let code = try? ContainerCodeValue(parsing: text) else { return nil }
            // Rounding can push the ratio a hair over 1.
            let confidence = min(path.probability / outcome.validMass, 1)
            return RankedCode(code: code, probability: path.probability, confidence: confidence)
        }
        return (ranked, outcome.validMass)
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
