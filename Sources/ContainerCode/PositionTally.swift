/// The weighted votes for one character position along a track.
struct PositionTally: Sendable {
    /// The allowed characters at this position.
    let alphabet: [Character]
    /// Summed vote weight of each character of `alphabet`.
    private(set) var weights: [Double]
    /// Summed confidence of the readings that covered this position; the
    /// denominator of the shares, so votes the OCR withheld stay unassigned.
    private(set) var coveredWeight = 0.0

    init(position: Int) {
        alphabet = PositionClass.of(position: position).alphabet
        weights = [Double](repeating: 0, count: alphabet.count)
    }

    /// Adds one reading's candidates: each votes with confidence x probability,
    /// look-alikes from the other class counting as their allowed twin at a penalty.
    mutating func add(_ candidates: CharacterCandidates, position: Int, confidence: Double, confusionPenalty: Double) {
        coveredWeight += confidence
        let positionClass = PositionClass.of(position: position)
        for candidate in candidates.candidates {
            guard let admitted = positionClass.admit(candidate.character),
                  let index = alphabet.firstIndex(of: admitted.character) else { continue }
            let penalty = admitted.viaConfusion ? confusionPenalty : 1
            weights[index] += confidence * candidate.probability * penalty
        }
    }

    /// Each voted character's share of the covered weight, largest first.
    var shares: [Candidate] {
        guard coveredWeight > 0 else { return [] }
        return alphabet.indices
            .filter { weights[$0] > 0 }
            .sorted { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : $0 < $1 }
            .map { Candidate(alphabet[$0], min(weights[$0] / coveredWeight, 1)) }
    }

    /// The character with the largest share, if any votes were cast.
    var winner: Character? {
        shares.first?.character
    }

    /// The second largest share, 0 when there is no runner-up.
    var runnerUpShare: Double {
        let shares = shares
        return shares.count > 1 ? shares[1].probability : 0
    }
}
