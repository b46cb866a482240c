/// A vehicle's licence plate as decided along its track.
public struct PlatePayload: Sendable, Hashable, Codable {
    /// The plate's characters, upper case, without separators (`GT19PSX`); nil when it was too
    /// small to read.
    public var text: String?
    /// The name of the configured pattern it fits (`uk`, or the config's own name).
    public var pattern: String?
    /// Confidence of the decision in 0...1.
    public var confidence: Double
    /// True when a person should check it.
    public var needsReview: Bool
    /// Why a person should check it; empty when `needsReview` is false.
    public var reviewReasons: [String]
    /// Frames that gave a plate read.
    public var reads: Int
    /// Frames whose read is `text`.
    public var agreeingReads: Int
    /// True when a plate was seen but its characters were too small to read: no guess is made.
    public var tooSmall: Bool
    /// What the camera read, when the expected visits corrected it to `text`.
    public var readAs: String?
    /// Positions of `text` the expected visits corrected.
    public var corrected: [Int]?

    /// Creates a plate payload.
    public init(text: String, pattern: String, confidence: Double, reviewReasons: [String], reads: Int, agreeingReads: Int) {
        self.text = text
        self.pattern = pattern
        self.confidence = confidence
        self.needsReview = !reviewReasons.isEmpty
        self.reviewReasons = reviewReasons
        self.reads = reads
        self.agreeingReads = agreeingReads
        tooSmall = false
    }

    /// A plate seen only too small to read, for `reason`.
    public init(tooSmallBecause reason: String) {
        confidence = 0
        needsReview = true
        reviewReasons = [reason]
        reads = 0
        agreeingReads = 0
        tooSmall = true
    }

    enum CodingKeys: String, CodingKey {
        case text, pattern, confidence, reads
        case needsReview = "needs_review"
        case reviewReasons = "review_reasons"
        case agreeingReads = "agreeing_reads"
        case tooSmall = "too_small"
        case readAs = "read_as"
        case corrected
    }
}
