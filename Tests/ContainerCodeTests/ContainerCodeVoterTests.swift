import ContainerCode
import Testing

@Suite("Voting along a track")
struct ContainerCodeVoterTests {
    static func hasSplit(_ reasons: [ReviewReason], at position: Int) -> Bool {
        reasons.contains { if case .splitVote(position, _) = $0 { true } else { false } }
    }

    @Test("Consistent readings give a confident decision")
    func consistent() throws {
        var voter = ContainerCodeVoter()
        for _ in 0..<5 { try voter.add(code: "CSQU 305438 3", confidence: 0.9) }
        let decision = try voter.decision()
        #expect(decision.code.string == "CSQU3054383")
        #expect(decision.readCount == 5)
        #expect(decision.agreeingReadCount == 5)
        #expect(decision.confidence > 0.99)
        #expect(!decision.needsReview)
        #expect(!decision.checkDigitInferred)
        #expect(decision.characterShares.allSatisfy { $0 == 1 })
    }

    @Test("Candidate readings vote with their probabilities and look-alikes count")
    func candidateReadings() throws {
        var voter = ContainerCodeVoter()
        for _ in 0..<4 {
            // The OCR reads the serial's 0 as O; at a digit position it votes for 0.
            let reading = Readings.replacing(Readings.confident("CSQU3O54383"), at: 5, with: [Candidate("O", 0.9)])
            try voter.add(reading, confidence: 0.8)
        }
        let decision = try voter.decision()
        #expect(decision.code.string == "CSQU3054383")
        #expect(decision.agreeingReadCount == 4)
        #expect(!decision.needsReview)
    }

    @Test("A split vote needs review even when the winner is valid")
    func split() throws {
        var voter = ContainerCodeVoter()
        for _ in 0..<3 { try voter.add(code: "CSQU3054383", confidence: 0.9) }
        for _ in 0..<2 { try voter.add(code: "CSQU3054883", confidence: 0.9) }
        let decision = try voter.decision()
        #expect(decision.code.string == "CSQU3054383")
        #expect(decision.readCount == 5)
        #expect(decision.agreeingReadCount == 3)
        #expect(decision.needsReview)
        #expect(Self.hasSplit(decision.reviewReasons, at: 8))
        #expect(abs(decision.characterShares[8] - 0.6) < 1e-9)
    }

    @Test("A small minority stays under the split threshold")
    func smallMinority() throws {
        var voter = ContainerCodeVoter()
        for _ in 0..<5 { try voter.add(code: "CSQU3054383", confidence: 0.9) }
        try voter.add(code: "CSQU3054883", confidence: 0.9)
        let decision = try voter.decision()
        #expect(decision.code.string == "CSQU3054383")
        #expect(decision.agreeingReadCount == 5)
        #expect(!decision.needsReview)
    }

    @Test("A single reading needs review")
    func singleReading() throws {
        var voter = ContainerCodeVoter()
        try voter.add(code: "CSQU3054383", confidence: 0.99)
        let decision = try voter.decision()
        #expect(decision.code.string == "CSQU3054383")
        #expect(decision.readCount == 1)
        #expect(decision.needsReview)
        #expect(decision.reviewReasons == [.tooFewReads(count: 1, minimum: 3)])
    }

    @Test("The minimum number of reads is configurable")
    func configurableMinimum() throws {
        var voter = ContainerCodeVoter(minimumReads: 1)
        try voter.add(code: "CSQU3054383", confidence: 0.99)
        #expect(try !voter.decision().needsReview)
    }

    @Test("Votes are weighted by confidence")
    func weighted() throws {
        var voter = ContainerCodeVoter(maximumRunnerUpShare: 0.5)
        for _ in 0..<2 { try voter.add(code: "CSQU3054383", confidence: 0.95) }
        for _ in 0..<3 { try voter.add(code: "CSQU3054883", confidence: 0.2) }
        let decision = try voter.decision()
        #expect(decision.code.string == "CSQU3054383")
        #expect(decision.agreeingReadCount == 2)
    }

    @Test("When the vote winners fail the check digit the search picks a valid code")
    func fallbackToSearch() throws {
        var voter = ContainerCodeVoter()
        // Check digit 3 is right; the frames mostly read 8 but often 3.
        for _ in 0..<3 { try voter.add(code: "CSQU3054388", confidence: 0.9) }
        for _ in 0..<2 { try voter.add(code: "CSQU3054383", confidence: 0.9) }
        let decision = try voter.decision()
        #expect(decision.code.string == "CSQU3054383")
        #expect(decision.reviewReasons.contains(.voteFailedCheckDigit))
        #expect(Self.hasSplit(decision.reviewReasons, at: 10))
        #expect(decision.needsReview)
        #expect(decision.agreeingReadCount == 2)
    }

    @Test("Readings without a check digit give an inferred decision that needs review")
    func inferred() throws {
        var voter = ContainerCodeVoter()
        for _ in 0..<4 { try voter.add(code: "CSQU305438", confidence: 0.9) }
        let decision = try voter.decision()
        #expect(decision.code.string == "CSQU3054383")
        #expect(decision.checkDigitInferred)
        #expect(decision.reviewReasons == [.checkDigitInferred])
        #expect(decision.agreeingReadCount == 4)
    }

    @Test("Readings with and without a check digit mix")
    func mixedLengths() throws {
        var voter = ContainerCodeVoter()
        try voter.add(code: "CSQU305438", confidence: 0.9)
        try voter.add(code: "CSQU3054383", confidence: 0.9)
        try voter.add(code: "CSQU3054383", confidence: 0.9)
        let decision = try voter.decision()
        #expect(decision.code.string == "CSQU3054383")
        #expect(!decision.checkDigitInferred)
        #expect(decision.agreeingReadCount == 3)
        #expect(!decision.needsReview)
    }

    @Test("Errors are typed and leave the voter unchanged")
    func errors() throws {
        var voter = ContainerCodeVoter()
        #expect(throws: ContainerCodeSearchError.noReadings) { try voter.decision() }
        #expect(throws: ContainerCodeSearchError.invalidConfidence(1.2)) {
            try voter.add(code: "CSQU3054383", confidence: 1.2)
        }
        #expect(throws: ContainerCodeSearchError.wrongPositionCount(4)) {
            try voter.add(code: "CSQU", confidence: 0.5)
        }
        let nanReading = Readings.replacing(Readings.confident("CSQU3054383"), at: 0, with: [Candidate("C", .nan)])
        let error = #expect(throws: ContainerCodeSearchError.self) { try voter.add(nanReading, confidence: 0.5) }
        guard case let .invalidProbability(position, value) = error else {
            Issue.record("expected invalidProbability, got \(String(describing: error))")
            return
        }
        #expect(position == 0 && value.isNaN)
        #expect(voter.readCount == 0)
    }
}
