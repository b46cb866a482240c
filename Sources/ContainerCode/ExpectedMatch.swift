/// A reading resolved to an expected container.
public struct ExpectedMatch: Hashable, Sendable {
    /// The expected code the reading was resolved to.
    public let code: ContainerCodeValue
    /// The chance (0...1) that `code` is right, counting the list as evidence (see
    /// `ContainerCodeSearch.expectedWeight`).
    public let confidence: Double
    /// The confidence the code had from the reading alone, without the list.
    public let readingConfidence: Double
    /// Positions (0...10) where the OCR's top character differs from `code`: what the list corrected.
    public let correctedPositions: [Int]
}

extension ContainerCodeSearch {
    /// The expected code the reading supports, if one does well enough.
    ///
    /// Each expected code is weighed `expectedWeight` times an unexpected one (the list is
    /// evidence, not proof). A code qualifies only with support from the reading: at most
    /// `maximumCorrections` characters differ from the OCR's top reading, and at each of them the
    /// OCR gave the expected character (or a look-alike) some probability, so a list never
    /// invents a code the camera did not see. The match must then reach `minimumConfidence`.
    /// With weight w that needs the code to hold at least 0.9 / (0.1 w + 0.9) of the reading's
    /// own probability: more than half while w is below 9, so it is the reading's own most
    /// probable valid code, and a near-miss on the list cannot outvote the code actually read.
    func matchExpected(_ distributions: [PositionDistribution], validMass: Double) -> ExpectedMatch? {
        guard !expected.isEmpty, validMass > 0 else { return nil }
        let weight = max(expectedWeight, 1)
        var expectedMass = 0.0
        // The OCR's top character at each position, as an index into the position's alphabet.
        let top = distributions.map { distribution in distribution.topRead.flatMap { distribution.alphabet.firstIndex(of: $0) } }
        var best: (index: Int, probability: Double, corrected: [Int])?
        for (index, code) in expected.alphabetIndices.enumerated() {
            var probability = 1.0, corrections = 0, supported = true
            for position in distributions.indices {
                let p = distributions[position].probabilities[Int(code[position])]
                probability *= p
                if top[position] != Int(code[position]) {
                    corrections += 1
                    if p < supportFloor { supported = false }
                }
            }
            expectedMass += probability
            guard supported, corrections <= maximumCorrections, probability > best?.probability ?? 0 else { continue }
            let corrected = distributions.indices.filter { top[$0] != Int(code[$0]) }
            best = (index, probability, corrected)
        }
        guard let best else { return nil }
        let confidence = min(weight * best.probability / (validMass + (weight - 1) * expectedMass), 1)
        guard confidence >= minimumConfidence else { return nil }
        return ExpectedMatch(code: expected.sorted[best.index], confidence: confidence,
                             readingConfidence: min(best.probability / validMass, 1), correctedPositions: best.corrected)
    }
}
