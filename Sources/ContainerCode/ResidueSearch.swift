/// A partial or complete code: the alphabet index chosen at each position and
/// the product of their probabilities.
struct ScoredPath: Sendable {
    var probability: Double
    var choices: [Int]

    /// Higher probability first; ties broken by the choices so results are deterministic.
    static func ranksBefore(_ lhs: ScoredPath, _ rhs: ScoredPath) -> Bool {
        if lhs.probability != rhs.probability { return lhs.probability > rhs.probability }
        return lhs.choices.lexicographicallyPrecedes(rhs.choices)
    }
}

/// The exact outcome of a residue search.
struct ResidueSearchOutcome: Sendable {
    /// The best complete codes (eleven choices each), best first.
    let ranked: [ScoredPath]
    /// The summed probability of every code that passes the check digit.
    let validMass: Double
}

/// Finds the most probable codes that pass the check digit, exactly.
///
/// The check digit depends on the first ten characters only through their
/// weighted sum modulo 11, so the search keeps, for each position and each of
/// the 11 partial remainders, the `keep` best partial codes and the total
/// probability of all of them. Any code among the overall best `keep` has its
/// prefix among the best `keep` of its state, so nothing is pruned wrongly,
/// and the work is 10 x 11 x keep x 26 steps however long the candidate lists.
enum ResidueSearch {
    /// `prefix` holds positions 0-9; `checkDigit` is position 10, or nil when
    /// the check digit was not read and is to be inferred.
    static func run(
        prefix: [PositionDistribution],
        checkDigit: PositionDistribution?,
        keep: Int
    ) -> ResidueSearchOutcome {
        var paths = [[ScoredPath]](repeating: [], count: 11)
        var mass = [Double](repeating: 0, count: 11)
        paths[0] = [ScoredPath(probability: 1, choices: [])]
        mass[0] = 1

        for (position, distribution) in prefix.enumerated() {
            let weight = CheckDigit.weight(atPosition: position)
            var nextPaths = [[ScoredPath]](repeating: [], count: 11)
            var nextMass = [Double](repeating: 0, count: 11)
            for residue in 0..<11 where mass[residue] > 0 {
                for (index, probability) in distribution.probabilities.enumerated() where probability > 0 {
                    let nextResidue = (residue + distribution.values[index] * weight) % 11
                    nextMass[nextResidue] += mass[residue] * probability
                    for path in paths[residue] {
                        nextPaths[nextResidue].append(
                            ScoredPath(probability: path.probability * probability, choices: path.choices + [index])
                        )
                    }
                }
            }
            paths = nextPaths.map { Array($0.sorted(by: ScoredPath.ranksBefore).prefix(keep)) }
            mass = nextMass
        }

        var complete: [ScoredPath] = []
        var validMass = 0.0
        for residue in 0..<11 {
            let digit = CheckDigit.digit(forRemainder: residue)
            // The digit alphabet is 0...9 in order, so the digit is its own index.
            let probability = checkDigit?.probabilities[digit] ?? 1
            guard probability > 0 else { continue }
            validMass += mass[residue] * probability
            for path in paths[residue] {
                complete.append(ScoredPath(probability: path.probability * probability, choices: path.choices + [digit]))
            }
        }
        let ranked = Array(complete.sorted(by: ScoredPath.ranksBefore).prefix(keep))
        return ResidueSearchOutcome(ranked: ranked, validMass: validMass)
    }
}
