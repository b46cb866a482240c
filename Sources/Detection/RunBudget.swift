/// A token bucket of detector runs over footage time: `rate` runs a second, holding at most a
/// second's worth (and at least one run); a rate of 0 or less is no cap.
struct RunBudget: Sendable {
    private let rate: Double
    private(set) var tokens: Double

    init(rate: Double) {
        self.rate = rate
        tokens = rate <= 0 ? .infinity : max(1, rate)
    }

    /// True when a run may start now (it may borrow: `spend` can take the tokens below zero).
    var allows: Bool { tokens >= 1 }

    /// Adds the runs earned over `seconds` of footage.
    mutating func refill(seconds: Double) {
        guard rate > 0, seconds > 0 else { return }
        tokens = min(max(1, rate), tokens + seconds * rate)
    }

    mutating func spend() { tokens -= 1 }
}
