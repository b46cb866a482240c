/// How a sink runner waits and retries.
public struct DeliverySettings: Sendable, Hashable {
    /// When caught up, how often the store is read again even if no commit was announced (events
    /// written by another process, a missed wake-up).
    public var idlePoll: Duration = .milliseconds(500)
    /// The first pause after a failure; it doubles on each failure in a row.
    public var firstRetry: Duration = .milliseconds(250)
    /// The longest pause between attempts.
    public var maxRetry: Duration = .seconds(30)

    /// The defaults.
    public init() {}

    /// The pause after `failures` failures in a row (1 or more): doubling, capped.
    public func pause(afterFailures failures: Int) -> Duration {
        let doublings = min(max(failures - 1, 0), 20)
        let pause = firstRetry * (1 << doublings)
        return min(pause, maxRetry)
    }
}
