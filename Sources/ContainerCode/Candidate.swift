/// One character the OCR considers possible at a position, with its probability.
public struct Candidate: Hashable, Sendable {
    /// The character as read (any case; it is uppercased before use).
    public let character: Character
    /// The OCR's probability for this character, 0...1.
    public let probability: Double

    /// Creates a candidate.
    public init(_ character: Character, _ probability: Double) {
        self.character = character
        self.probability = probability
    }
}

/// The OCR's alternatives for one character position.
public struct CharacterCandidates: Hashable, Sendable {
    /// The alternatives, in any order; their probabilities should sum to at most 1.
    public let candidates: [Candidate]

    /// Creates the alternatives for a position; an empty list means "unreadable".
    public init(_ candidates: [Candidate]) {
        self.candidates = candidates
    }

    /// A position read as one character with certainty.
    public init(certain character: Character) {
        self.candidates = [Candidate(character, 1)]
    }

    /// The most probable alternative, if any (the first one on ties).
    public var best: Candidate? {
        candidates.reduce(nil) { best, candidate in
            guard let best, best.probability >= candidate.probability else { return candidate }
            return best
        }
    }
}
