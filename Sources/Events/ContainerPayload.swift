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
    /// The share (0...1) of the size/type reads, weighed by their confidence, that agree on `sizeType`.
    public var sizeTypeConfidence: Double?
    /// Confidence of the decision in 0...1.
    public var confidence: Double
    /// True when the vote was thin and a person should check it.
    public var needsReview: Bool
    /// How many frame readings the vote used.
    public var reads: Int
    /// Verification level: 0 check digit not seen, 1 check digit holds, 2 read the same on two
    /// frames, 3 matches an expected container.
    public var level: Int
    /// Why a person should check it; empty when `needsReview` is false.
    public var reviewReasons: [String]
    /// Character positions (0-10) that an expected code corrected in what the camera read.
    public var corrected: [Int]
    /// Where it sat on the truck, in a gate transaction only: `single` (the only container),
    /// `front` (nearest the cab) or `back`.
    public var position: String?

    /// Creates a container payload.
    public init(
        code: String, owner: String, category: String, serial: String, checkDigit: Int, checkOK: Bool,
        sizeType: String? = nil, confidence: Double, needsReview: Bool, reads: Int,
        level: Int = 1, reviewReasons: [String] = [], corrected: [Int] = [], sizeTypeConfidence: Double? = nil
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
        self.level = level
        self.reviewReasons = reviewReasons
        self.corrected = corrected
        self.sizeTypeConfidence = sizeTypeConfidence
    }

    /// Decodes a payload; events stored before verification levels existed read as level 1 (or 0
    /// without a seen check digit), with no reasons or corrections.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        owner = try c.decode(String.self, forKey: .owner)
        category = try c.decode(String.self, forKey: .category)
        serial = try c.decode(String.self, forKey: .serial)
        checkDigit = try c.decode(Int.self, forKey: .checkDigit)
        checkOK = try c.decode(Bool.self, forKey: .checkOK)
        sizeType = try c.decodeIfPresent(String.self, forKey: .sizeType)
        sizeTypeConfidence = try c.decodeIfPresent(Double.self, forKey: .sizeTypeConfidence)
        confidence = try c.decode(Double.self, forKey: .confidence)
        needsReview = try c.decode(Bool.self, forKey: .needsReview)
        reads = try c.decode(Int.self, forKey: .reads)
        level = try c.decodeIfPresent(Int.self, forKey: .level) ?? (checkOK ? 1 : 0)
        reviewReasons = try c.decodeIfPresent([String].self, forKey: .reviewReasons) ?? []
        corrected = try c.decodeIfPresent([Int].self, forKey: .corrected) ?? []
        position = try c.decodeIfPresent(String.self, forKey: .position)
    }

    enum CodingKeys: String, CodingKey {
        case code, owner, category, serial, confidence, reads, level, corrected, position
        case reviewReasons = "review_reasons"
        case checkDigit = "check_digit"
        case checkOK = "check_ok"
        case sizeType = "size_type"
        case sizeTypeConfidence = "size_type_confidence"
        case needsReview = "needs_review"
    }
}
