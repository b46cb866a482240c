/// Accumulates the plate reads of one vehicle across frames and decides its plate.
///
/// Reads vote for their text with their confidence. The decision is the text with the most
/// weight; it needs review when too few frames read it, when another text holds too much of the
/// weight, or when no single read of it was sure.
public struct PlateVoter: Sendable {
    /// Fewer agreeing reads than this make the decision need review.
    public var minimumAgreeing: Int
    /// A runner-up holding more than this share of the weight makes the decision need review.
    public var maximumRunnerUpShare: Double

    private var weights: [String: Double] = [:]
    private var counts: [String: Int] = [:]
    private var best: [String: PlateRead] = [:]
    /// Reads added so far.
    public private(set) var readCount = 0

    /// An empty voter.
    public init(minimumAgreeing: Int = 2, maximumRunnerUpShare: Double = 0.25) {
        self.minimumAgreeing = minimumAgreeing
        self.maximumRunnerUpShare = maximumRunnerUpShare
    }

    /// Adds one frame's read.
    public mutating func add(_ read: PlateRead) {
        weights[read.text, default: 0] += read.confidence
        counts[read.text, default: 0] += 1
        if read.confidence > best[read.text]?.confidence ?? -1 { best[read.text] = read }
        readCount += 1
    }

    /// The plate decided from the reads so far, or nil before the first read.
    public func decision() -> PlateDecision? {
        let ranked = weights.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
        guard let top = ranked.first, let read = best[top.key] else { return nil }
        let total = weights.values.reduce(0, +)
        let share = total > 0 ? top.value / total : 0
        let runnerUp = ranked.count > 1 && total > 0 ? ranked[1].value / total : 0
        let agreeing = counts[top.key] ?? 0
        var reasons: [String] = []
        if agreeing < minimumAgreeing { reasons.append("read on \(agreeing) frame(s); \(minimumAgreeing) must agree") }
        if runnerUp > maximumRunnerUpShare {
            reasons.append("\(ranked[1].key) holds \(PlateSearch.percent(runnerUp)) of the votes")
        }
        if read.needsReview { reasons.append("no single read was sure (best \(PlateSearch.percent(read.confidence)))") }
        return PlateDecision(text: top.key, pattern: read.pattern, confidence: share * read.confidence,
                             readCount: readCount, agreeingReadCount: agreeing, reviewReasons: reasons)
    }
}

/// The plate of a vehicle decided from the reads of its track.
public struct PlateDecision: Sendable, Equatable, Codable {
    /// The plate's characters, without separators.
    public var text: String
    /// The pattern it fits.
    public var pattern: String
    /// The decided text's share of the votes times its best read's confidence, 0...1.
    public var confidence: Double
    /// Frames that gave a read.
    public var readCount: Int
    /// Frames whose read is the decided text.
    public var agreeingReadCount: Int
    /// Why a person should check it; empty when it is sure.
    public var reviewReasons: [String]

    /// True when a person should check it.
    public var needsReview: Bool { !reviewReasons.isEmpty }

    /// A decision (tests, stored events).
    public init(text: String, pattern: String, confidence: Double, readCount: Int, agreeingReadCount: Int, reviewReasons: [String]) {
        self.text = text
        self.pattern = pattern
        self.confidence = confidence
        self.readCount = readCount
        self.agreeingReadCount = agreeingReadCount
        self.reviewReasons = reviewReasons
    }
}
