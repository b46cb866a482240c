/// Accumulates readings of one container across frames and decides its code
/// by a per-position vote weighted by each reading's confidence.
///
/// The decision is the best valid code for the vote shares: when the
/// per-position winners pass the check digit that is them, otherwise the
/// search over the shares picks the most probable code that does.
public struct ContainerCodeVoter: Sendable {
    /// Fewer readings than this make the decision need review.
    public var minimumReads: Int
    /// A runner-up share (0...1) above this at any position makes the decision need review.
    public var maximumRunnerUpShare: Double
    /// The search used for confusion mapping and for the decision.
    public var search: ContainerCodeSearch

    /// Number of readings added so far.
    public private(set) var readCount = 0

    private var tallies = (0...10).map(PositionTally.init(position:))
    // Each reading's top character per position (nil: none usable), to count agreement.
    private var topCharacters: [[Character?]] = []

    /// Creates an empty voter.
    public init(minimumReads: Int = 3, maximumRunnerUpShare: Double = 0.25, search: ContainerCodeSearch = ContainerCodeSearch()) {
        self.minimumReads = minimumReads
        self.maximumRunnerUpShare = maximumRunnerUpShare
        self.search = search
    }

    /// Adds a reading given as per-position candidates (10 positions when the
    /// check digit was not read, else 11). Invalid input leaves the voter unchanged.
    public mutating func add(_ positions: [CharacterCandidates], confidence: Double) throws(ContainerCodeSearchError) {
        guard positions.count == 10 || positions.count == 11 else {
            throw .wrongPositionCount(positions.count)
        }
        guard confidence.isFinite, confidence >= 0, confidence <= 1 else {
            throw .invalidConfidence(confidence)
        }
        for (position, candidates) in positions.enumerated() {
            for candidate in candidates.candidates {
                let probability = candidate.probability
                guard probability.isFinite, probability >= 0, probability <= 1 else {
                    throw .invalidProbability(position: position, value: probability)
                }
            }
        }

        for (position, candidates) in positions.enumerated() {
            tallies[position].add(candidates, position: position, confidence: confidence, confusionPenalty: search.confusionPenalty)
        }
        topCharacters.append(positions.enumerated().map { position, candidates in
            candidates.best.flatMap { PositionClass.of(position: position).admit($0.character)?.character }
        })
        readCount += 1
    }

    /// Adds a reading given as a decided code string (spaces and dashes ignored;
    /// 10 characters when the check digit was not read).
    public mutating func add(code text: some StringProtocol, confidence: Double) throws(ContainerCodeSearchError) {
        try add(TextNormalization.compact(text).map(CharacterCandidates.init(certain:)), confidence: confidence)
    }

    /// Decides the code from the readings so far.
    public func decision() throws(ContainerCodeSearchError) -> ContainerCodeDecision {
        guard readCount > 0 else { throw .noReadings }
        let positionCount = tallies[10].coveredWeight > 0 ? 11 : 10
        let shares = tallies[0..<positionCount].map { CharacterCandidates($0.shares) }
        let result = try search.search(shares)

        var reasons = result.reviewReasons
        // A match to an expected code already weighed the vote shares; the list verifies it.
        if result.expectedMatch == nil {
            if readCount < minimumReads {
                reasons.append(.tooFewReads(count: readCount, minimum: minimumReads))
            }
            for (position, tally) in tallies[0..<positionCount].enumerated() where tally.runnerUpShare > maximumRunnerUpShare {
                reasons.append(.splitVote(position: position, runnerUpShare: tally.runnerUpShare))
            }
            let winners = tallies[0..<positionCount].compactMap(\.winner)
            if positionCount == 11, winners.count == 11, !ContainerCodeValue.isValid(String(winners)) {
                reasons.append(.voteFailedCheckDigit)
            }
        }

        let decided = Array(result.code.string)
        let agreeing = topCharacters.filter { read in
            read.enumerated().allSatisfy { position, character in character == decided[position] }
        }

        return ContainerCodeDecision(
            code: result.code,
            confidence: result.confidence,
            readCount: readCount,
            agreeingReadCount: agreeing.count,
            checkDigitInferred: result.checkDigitInferred,
            weakCheckDigit: result.weakCheckDigit,
            characterShares: result.characterProbabilities,
            reviewReasons: reasons,
            expectedMatch: result.expectedMatch
        )
    }
}
