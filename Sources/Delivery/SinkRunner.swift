import Events
import Foundation
import Logging
import Metrics
import Timing

/// Runs one sink: reads the store from the sink's durable cursor, hands the sink batches in seq
/// order, and moves the cursor only past what the receiver acknowledged (or refused for good).
/// Failures are retried after a doubling pause; nothing is skipped, so delivery is at least once
/// and in order, across reconnects and restarts.
public final class SinkRunner: Sendable {
    private let sink: any EventSink
    private let store: any EventStore
    private let settings: DeliverySettings
    private let logger: Logger
    private let report: @Sendable (SinkStatus) -> Void
    private let onDelivered: @Sendable ([StoredEvent]) -> Void
    private let bell = Doorbell()
    private let deliveredCounter: Counter
    private let failureCounter: Counter
    private let deadLetterCounter: Counter

    /// Creates a runner. `report` hears the sink's figures after every step; `onDelivered` hears
    /// each acknowledged batch (benchmarks time it).
    public init(
        sink: any EventSink, store: any EventStore, settings: DeliverySettings = DeliverySettings(),
        logger: Logger, metricsFactory: any MetricsFactory,
        report: @escaping @Sendable (SinkStatus) -> Void = { _ in },
        onDelivered: @escaping @Sendable ([StoredEvent]) -> Void = { _ in }
    ) {
        self.sink = sink
        self.store = store
        self.settings = settings
        var logger = logger
        logger[metadataKey: "sink"] = "\(sink.name)"
        self.logger = logger
        self.report = report
        self.onDelivered = onDelivered
        let dimensions = [("sink", sink.name)]
        deliveredCounter = Counter(label: "portsight_sink_delivered_total", dimensions: dimensions, factory: metricsFactory)
        failureCounter = Counter(label: "portsight_sink_failures_total", dimensions: dimensions, factory: metricsFactory)
        deadLetterCounter = Counter(label: "portsight_sink_dead_letters_total", dimensions: dimensions, factory: metricsFactory)
    }

    /// Tells the runner that events were committed, so it need not wait for its next poll.
    public func eventsCommitted() {
        bell.ring()
    }

    /// Delivers until the task is cancelled, then closes the sink. A store that cannot be read is
    /// retried like a sink failure.
    public func run() async {
        var progress = SinkStatus(name: sink.name, kind: sink.kind)
        report(progress)
        var cursor: Int64?
        var failuresInRow = 0
        while !Task.isCancelled {
            do {
                let from: Int64
                if let cursor {
                    from = cursor
                } else {
                    from = try await readCursor(into: &progress)
                    cursor = from
                }
                let page = try await store.events(since: from, limit: sink.batchLimit)
                let last = try await store.lastSequence
                progress.lagEvents = max(0, last - from)
                progress.lagS = page.events.first.map { max(0, Date().timeIntervalSince($0.time)).rounded(toPlaces: 2) } ?? 0
                guard !page.events.isEmpty else {
                    try await sink.keepAlive()
                    if progress.state != .delivering || failuresInRow > 0 {
                        progress.state = .delivering
                        progress.lastError = nil
                        failuresInRow = 0
                    }
                    report(progress)
                    await bell.wait(upTo: settings.idlePoll)
                    continue
                }
                report(progress)
                let result = try await sink.deliver(page.events)
                let through = page.events[page.events.count - 1].seq
                cursor = try await store.setCursor(through, forSink: sink.name, deadLetters: result.deadLetters)
                onDelivered(page.events)
                deliveredCounter.increment(by: Int64(page.events.count - result.deadLetters.count))
                progress.delivered += Int64(page.events.count - result.deadLetters.count)
                if !result.deadLetters.isEmpty {
                    deadLetterCounter.increment(by: Int64(result.deadLetters.count))
                    progress.deadLetters += result.deadLetters.count
                    for letter in result.deadLetters {
                        logger.warning("event refused for good; skipped and kept as a dead letter",
                                       metadata: ["seq": "\(letter.seq)", "reason": "\(letter.reason)"])
                    }
                }
                progress.cursor = cursor ?? through
                progress.state = .delivering
                progress.lastError = nil
                if failuresInRow > 0 {
                    logger.notice("delivering again", metadata: ["cursor": "\(progress.cursor)"])
                }
                failuresInRow = 0
            } catch {
                if Task.isCancelled { break }
                let failure = SinkError(error)
                failuresInRow += 1
                failureCounter.increment()
                progress.failures += 1
                progress.state = failure.kind == .misconfigured ? .misconfigured : .retrying
                progress.lastError = failure.message
                report(progress)
                let pause = settings.pause(afterFailures: failuresInRow)
                // The first failure of a run is worth a line; the rest repeat it, quietly.
                if failuresInRow == 1 || failuresInRow % 20 == 0 {
                    logger.warning("delivery failed; retrying", metadata: [
                        "error": "\(failure.message)", "retry_in_s": "\(pause.inSeconds)", "failures_in_row": "\(failuresInRow)",
                    ])
                }
                try? await Task.sleep(for: pause)
            }
        }
        await sink.close()
        logger.info("sink stopped", metadata: ["cursor": "\(progress.cursor)"])
    }

    private func readCursor(into progress: inout SinkStatus) async throws -> Int64 {
        let cursor = try await store.cursor(forSink: sink.name)
        progress.cursor = cursor
        progress.deadLetters = try await store.deadLetterCount(forSink: sink.name)
        logger.info("sink starting", metadata: ["kind": "\(sink.kind)", "cursor": "\(cursor)"])
        return cursor
    }
}

extension SinkError {
    /// A sink's own error as it is; the store's (it could not be read or written) as unavailable.
    init(_ error: any Error) {
        switch error {
        case let error as SinkError: self = error
        case let error as EventStoreError: self.init(.unavailable, error.description)
        default: self.init(.unavailable, "\(error)")
        }
    }
}
