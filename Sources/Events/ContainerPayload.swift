/// A container code as decided along a track (ISO 6346).
public struct ContainerPayload: Sendable, Hashable, Codable {
    /// The full code, 11 characters (`DFSU4382559`).
    public var code: String
    /// Owner code, 3 letters (`DFS`).
    public var owner: String
    /// Category identifier: `U`, `J` or `Z`.
    public var category: String
    /// Serial number, 6 digits.
    public var serial: String
    /// The check digit as read.
    public var checkDigit: Int
    /// True when the check digit matches the computed one.
    public var checkOK: Bool
    /// The size and type code (`42G1`), when it was read.
    public var sizeType: String?
    /// Confidence of the decision in 0...1.
    public var confidence: Double
    /// True when the vote was thin and a person should check it.
    public var needsReview: Bool
    /// How many frame readings the vote used.
    public var reads: Int

    /// Creates a container payload.
    public init(
        code: String, owner: String, category: String, serial: String, checkDigit: Int, checkOK: Bool,
        sizeType: String? = nil, confidence: Double, needsReview: Bool, reads: Int
    ) {
        self.code = code
        self.owner = owner
        self.category = category
        self.serial = serial
        self.checkDigit = checkDigit
        self.checkOK = checkOK
        self.sizeType = sizeType
        self.confidence = confidence
        self.needsReview = needsReview
        self.reads = reads
    }

    enum CodingKeys: String, CodingKey {
        case code, owner, category, serial, confidence, reads
        case checkDigit = "check_digit"
        case checkOK = "check_ok"
        case sizeType = "size_type"
        case needsReview = "needs_review"
    }
}
