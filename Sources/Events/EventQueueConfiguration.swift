/// Sizes and timings of an `EventQueue`.
public struct EventQueueConfiguration: Sendable, Hashable {
    /// Events the queue holds before `submit` waits and `offer` drops, counting the batch being
    /// written.
    public var capacity: Int
    /// The most events in one store transaction.
    public var maxBatch: Int
    /// How long the writer waits for a batch to fill once an event is pending.
    public var maxDelay: Duration
    /// Events buffered per subscriber; when a subscriber falls further behind, its oldest
    /// buffered events are dropped (it catches up from the store by seq).
    public var subscriberBuffer: Int
    /// The first pause after a failed store transaction; doubles on each failure in a row.
    public var retryDelay: Duration
    /// The longest pause between retries.
    public var maxRetryDelay: Duration

    /// Creates a configuration. The defaults suit a gate camera box: 10,000 pending events (a
    /// few minutes of a busy gate), batches of up to 500 or 50 ms.
    public init(
        capacity: Int = 10_000, maxBatch: Int = 500, maxDelay: Duration = .milliseconds(50), subscriberBuffer: Int = 1_000,
        retryDelay: Duration = .milliseconds(100), maxRetryDelay: Duration = .seconds(5)
    ) {
        self.capacity = max(1, capacity)
        self.maxBatch = max(1, min(maxBatch, self.capacity))
        self.maxDelay = maxDelay
        self.subscriberBuffer = max(1, subscriberBuffer)
        self.retryDelay = retryDelay
        self.maxRetryDelay = maxRetryDelay
    }
}

/// The queue's counters, for `/status`.
public struct EventQueueStatistics: Sendable, Hashable {
    /// Events waiting to be committed, including the batch being written.
    public var pending: Int
    /// Producers waiting in `submit` for room.
    public var waitingProducers: Int
    /// Events taken by `submit` or `offer`.
    public var accepted: Int
    /// Events `offer` refused because the queue was full (never stored).
    public var dropped: Int
    /// Events committed to the store.
    public var committed: Int
    /// Store transactions committed.
    public var batches: Int
    /// Store transactions that failed (and were retried).
    public var failures: Int
    /// The last seq committed through this queue; 0 before the first commit.
    public var lastCommittedSeq: Int64
    /// Why the last store write failed; nil while writes succeed.
    public var lastError: String?

    /// Creates statistics.
    public init(
        pending: Int = 0, waitingProducers: Int = 0, accepted: Int = 0, dropped: Int = 0, committed: Int = 0,
        batches: Int = 0, failures: Int = 0, lastCommittedSeq: Int64 = 0, lastError: String? = nil
    ) {
        self.pending = pending
        self.waitingProducers = waitingProducers
        self.accepted = accepted
        self.dropped = dropped
        self.committed = committed
        self.batches = batches
        self.failures = failures
        self.lastCommittedSeq = lastCommittedSeq
        self.lastError = lastError
    }
}
