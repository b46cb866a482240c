import Logging
import Metrics
import Synchronization

/// The bounded queue between the camera pipelines (many producers) and the event store (one
/// writer task), which writes in batches and tells subscribers about committed events.
///
/// Policy:
/// - `submit` waits while the queue is full: replay, and any producer that can wait, never drops.
/// - `offer` never waits: for live producers that cannot; when the queue is full it returns
///   false and counts a drop (metric `portsight_event_queue_dropped_total`, `statistics().dropped`).
///   A dropped event was never stored, so no seq is missing from the feed.
/// - Nothing committed is ever dropped. When the store fails (a full disk), the writer keeps the
///   batch, logs, waits (doubling the pause up to `maxRetryDelay`) and retries; meanwhile the
///   queue fills up and pushes back on producers instead of losing their events.
/// - Subscribers hear of an event only after its transaction has committed, in seq order. A slow
///   subscriber never holds up the writer: each has a bounded buffer that keeps the newest events;
///   a subscriber that sees a jump in seq reads the missing ones from the store.
/// - `finish()` stops taking events, writes everything pending and returns after the last commit.
public final class EventQueue: Sendable {
    private let store: any EventStore
    private let configuration: EventQueueConfiguration
    private let logger: Logger
    private let state = Mutex(QueueState())
    private let droppedCounter: Counter
    private let committedCounter: Counter
    private let failureCounter: Counter
    private let depthGauge: Gauge
    private let batchSize: Recorder

    /// Creates the queue and starts its writer task. Call `finish()` before letting go of the
    /// queue: the writer task keeps it alive until then.
    public init(
        store: any EventStore, configuration: EventQueueConfiguration = EventQueueConfiguration(), logger: Logger,
        metricsFactory: any MetricsFactory
    ) {
        self.store = store
        self.configuration = configuration
        self.logger = logger
        droppedCounter = Counter(label: "portsight_event_queue_dropped_total", factory: metricsFactory)
        committedCounter = Counter(label: "portsight_event_queue_committed_total", factory: metricsFactory)
        failureCounter = Counter(label: "portsight_event_queue_store_failures_total", factory: metricsFactory)
        depthGauge = Gauge(label: "portsight_event_queue_depth", factory: metricsFactory)
        batchSize = Recorder(label: "portsight_event_queue_batch_size", factory: metricsFactory)
        let writer = Task { [self] in await runWriter() }
        state.withLock { $0.writer = writer }
    }

    // MARK: - Producers

    /// Queues `event`, waiting while the queue is full. Returns once the event is queued (not yet
    /// committed). Throws when the queue is finished, the waiting task is cancelled, or the event
    /// is invalid.
    public func submit(_ event: NewEvent) async throws(EventQueueError) {
        do { try event.validate() } catch { throw .invalidEvent(error) }
        let (queued, wake) = state.withLock { state -> (Result<Bool, EventQueueError>, WriterWake?) in
            if state.finishing { return (.failure(.finished), nil) }
            guard state.waiting.isEmpty, state.pending.count < configuration.capacity else { return (.success(false), nil) }
            return (.success(true), state.enqueue(event, maxBatch: configuration.maxBatch))
        }
        wake?.resume()
        if try queued.get() { return }
        try await waitForRoom(event)
    }

    /// Queues `event` if there is room, without waiting. Returns false, and counts a drop, when
    /// the queue is full or finished (or the event is invalid).
    public func offer(_ event: NewEvent) -> Bool {
        let valid = (try? event.validate()) != nil
        let (queued, wake, dropped) = state.withLock { state -> (Bool, WriterWake?, Int) in
            guard valid, !state.finishing, state.waiting.isEmpty, state.pending.count < configuration.capacity else {
                state.dropped += 1
                return (false, nil, state.dropped)
            }
            return (true, state.enqueue(event, maxBatch: configuration.maxBatch), 0)
        }
        wake?.resume()
        if !queued {
            droppedCounter.increment()
            // The first drop and then every thousandth: a full queue must not flood the log too.
            if dropped % 1000 == 1 {
                logger.warning(
                    "event queue full, live event dropped",
                    metadata: ["camera": "\(event.camera)", "type": "\(event.type.rawValue)", "dropped_total": "\(dropped)"])
            }
        }
        return queued
    }

    private func waitForRoom(_ event: NewEvent) async throws(EventQueueError) {
        let id = state.withLock { $0.makeID() }
        let outcome: EventQueueError? = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<EventQueueError?, Never>) in
                let (immediate, wake) = state.withLock { state -> (EventQueueError??, WriterWake?) in
                    if Task.isCancelled { return (.some(.cancelled), nil) }
                    if state.finishing { return (.some(.finished), nil) }
                    // The writer may have made room since the first look: take it, or no commit
                    // might ever come to let this producer in.
                    if state.waiting.isEmpty, state.pending.count < configuration.capacity {
                        return (.some(nil), state.enqueue(event, maxBatch: configuration.maxBatch))
                    }
                    state.waiting.append(WaitingProducer(id: id, event: event, continuation: continuation))
                    return (.none, nil)
                }
                wake?.resume()
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> WaitingProducer? in
                guard let index = state.waiting.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiting.remove(at: index)
            }
            waiter?.continuation.resume(returning: .cancelled)
        }
        if let outcome { throw outcome }
    }

    // MARK: - Subscribers

    /// A stream of committed events, in seq order, from now on. It ends after `finish()`. When
    /// the subscriber falls more than `subscriberBuffer` events behind, the oldest are dropped:
    /// compare each seq with the previous one and read any gap from the store.
    public func subscribe() -> AsyncStream<StoredEvent> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: StoredEvent.self, bufferingPolicy: .bufferingNewest(configuration.subscriberBuffer))
        let id = state.withLock { state -> UInt64? in
            guard !state.writerDone else { return nil }
            let id = state.makeID()
            state.subscribers[id] = continuation
            return id
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { state in state.subscribers[id] = nil }
        }
        return stream
    }

    // MARK: - Shutdown and figures

    /// Stops taking events, writes everything pending (including producers still waiting in
    /// `submit`) and returns after the last commit. While the store keeps failing this keeps
    /// retrying; a caller with a shutdown deadline should race it against a timer.
    public func finish() async {
        let (wake, writer) = state.withLock { state in
            state.finishing = true
            return (state.takeWriterWake(), state.writer)
        }
        wake?.resume()
        await writer?.value
    }

    /// The queue's counters.
    public func statistics() -> EventQueueStatistics {
        state.withLock { state in
            EventQueueStatistics(
                pending: state.pending.count, waitingProducers: state.waiting.count, accepted: state.accepted,
                dropped: state.dropped, committed: state.committed, batches: state.batches, failures: state.failures,
                lastCommittedSeq: state.lastCommittedSeq, lastError: state.lastError)
        }
    }

    // MARK: - Writer

    private func runWriter() async {
        var retryDelay = configuration.retryDelay
        while true {
            await waitForBatch()
            let batch = state.withLock { state in Array(state.pending.prefix(configuration.maxBatch)) }
            if batch.isEmpty {
                if state.withLock({ $0.finishing && $0.pending.isEmpty && $0.waiting.isEmpty }) { break }
                continue
            }
            do {
                let stored = try await store.append(batch)
                // Committed: only now may anyone hear of these events.
                let (admitted, subscribers, depth) = state.withLock { state in
                    state.lastError = nil
                    return state.commit(count: batch.count, lastSeq: stored.last?.seq ?? state.lastCommittedSeq,
                                    capacity: configuration.capacity)
                }
                for producer in admitted { producer.continuation.resume(returning: nil) }
                for subscriber in subscribers {
                    for event in stored { subscriber.yield(event) }
                }
                committedCounter.increment(by: stored.count)
                batchSize.record(stored.count)
                depthGauge.record(depth)
                retryDelay = configuration.retryDelay
            } catch {
                let failures = state.withLock { state in
                    state.failures += 1
                    state.lastError = "\(error)"
                    return state.failures
                }
                failureCounter.increment()
                logger.error(
                    "event store append failed; keeping the batch and retrying",
                    metadata: [
                        "events": "\(batch.count)", "retry_in": "\(retryDelay)", "failures_total": "\(failures)",
                        "error": "\(error)",
                    ])
                try? await Task.sleep(for: retryDelay)
                retryDelay = min(retryDelay * 2, configuration.maxRetryDelay)
            }
        }
        let subscribers = state.withLock { state in
            state.writerDone = true
            defer { state.subscribers = [:] }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.finish() }
        logger.debug("event queue finished", metadata: ["committed": "\(statistics().committed)"])
    }

    /// Returns when a batch should be written: `maxBatch` events are pending, or `maxDelay` has
    /// passed since the writer saw the first pending event, or the queue is finishing.
    private func waitForBatch() async {
        while !state.withLock({ !$0.pending.isEmpty || $0.finishing }) {
            await park(until: .anyWork, timeout: nil)
        }
        let deadline = ContinuousClock.now + configuration.maxDelay
        while ContinuousClock.now < deadline,
              !state.withLock({ $0.pending.count >= configuration.maxBatch || $0.finishing }) {
            await park(until: .fullBatch, timeout: deadline - ContinuousClock.now)
        }
    }

    /// Suspends the writer until a producer (or `finish`) wakes it for `condition`, or until
    /// `timeout` has passed.
    private func park(until condition: WakeCondition, timeout: Duration?) async {
        let generation = state.withLock { $0.makeID() }
        let timer = timeout.map { timeout in
            Task { [self] in
                guard (try? await Task.sleep(for: timeout)) != nil else { return }
                let wake = state.withLock { state in
                    state.writerWake?.generation == generation ? state.takeWriterWake() : nil
                }
                wake?.resume()
            }
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state -> Bool in
                // Checked under the lock that producers take, so no wake-up is lost.
                let met = switch condition {
                case .anyWork: !state.pending.isEmpty || state.finishing
                case .fullBatch: state.pending.count >= configuration.maxBatch || state.finishing
                }
                if !met { state.writerWake = WriterWake(condition: condition, generation: generation, continuation: continuation) }
                return met
            }
            if ready { continuation.resume() }
        }
        timer?.cancel()
    }
}
