/// A plate read from one image: the most probable text any configured pattern allows.
public struct PlateRead: Sendable, Equatable {
    /// The plate's characters, upper case, without separators.
    public var text: String
    /// The name of the pattern it fits (a preset's name, or the config's).
    public var pattern: String
    /// The text's share of the probability of every text the patterns allow, 0...1.
    public var confidence: Double
    /// Positions where the text differs from what the OCR read first (a look-alike was resolved).
    public var correctedPositions: [Int]
    /// The OCR's own reading, separators dropped.
    public var rawText: String
    /// Why a person should check it; empty when it is sure.
    public var reviewReasons: [String]

    /// True when a person should check it.
    public var needsReview: Bool { !reviewReasons.isEmpty }

    /// A read (the search makes them; tests and stand-in readers too).
    public init(text: String, pattern: String, confidence: Double, correctedPositions: [Int] = [], rawText: String? = nil,
                reviewReasons: [String] = []) {
        self.text = text
        self.pattern = pattern
        self.confidence = confidence
        self.correctedPositions = correctedPositions
        self.rawText = rawText ?? text
        self.reviewReasons = reviewReasons
    }
}
