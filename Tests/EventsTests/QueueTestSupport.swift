import CoreMetrics
import Events
import Foundation
import Synchronization

/// An in-memory store that can fail its first appends and hold appends at a gate, and counts them.
actor ScriptedStore: EventStore {
    private let inner = InMemoryEventStore()
    private var failuresLeft: Int
    private var gateOpen: Bool
    private var gateWaiters: [CheckedContinuation<Void, Never>] = []
    /// Calls of `append`, failed or not.
    private(set) var attempts = 0
    /// Appends that committed.
    private(set) var commits = 0

    init(failures: Int = 0, gated: Bool = false) {
        failuresLeft = failures
        gateOpen = !gated
    }

    func openGate() {
        gateOpen = true
        for waiter in gateWaiters { waiter.resume() }
        gateWaiters = []
    }

    func append(_ events: [NewEvent]) async throws(EventStoreError) -> [StoredEvent] {
        attempts += 1
        while !gateOpen { await withCheckedContinuation { gateWaiters.append($0) } }
        if failuresLeft > 0 {
            failuresLeft -= 1
            throw .diskFull(path: "/test/events.db")
        }
        let stored = try await inner.append(events)
        commits += 1
        return stored
    }

    func events(since: Int64, limit: Int, camera: String?, type: EventType?) async throws(EventStoreError) -> EventPage {
        await inner.events(since: since, limit: limit, camera: camera, type: type)
    }

    func event(seq: Int64) async throws(EventStoreError) -> StoredEvent? { await inner.event(seq: seq) }

    var lastSequence: Int64 {
        get async throws(EventStoreError) { await inner.lastSequence }
    }

    func cursor(forSink sink: String) async throws(EventStoreError) -> Int64 { await inner.cursor(forSink: sink) }

    func setCursor(_ seq: Int64, forSink sink: String) async throws(EventStoreError) -> Int64 {
        await inner.setCursor(seq, forSink: sink)
    }
    func setCursor(_ seq: Int64, forSink sink: String, deadLetters: [DeadLetter]) async throws(EventStoreError) -> Int64 {
        await inner.setCursor(seq, forSink: sink, deadLetters: deadLetters)
    }
    func deadLetterCount(forSink sink: String) async throws(EventStoreError) -> Int { await inner.deadLetterCount(forSink: sink) }

    func statistics() async throws(EventStoreError) -> EventStoreStatistics { await inner.statistics() }

    func applyRetention(now: Date) async throws(EventStoreError) -> RetentionResult { await inner.applyRetention(now: now) }
}

/// A metrics factory that keeps counters' totals, to check what the queue reports.
final class CountingMetrics: MetricsFactory, Sendable {
    private let totals = Mutex<[String: Int64]>([:])

    func total(_ label: String) -> Int64 { totals.withLock { $0[label] ?? 0 } }

    func add(_ amount: Int64, to label: String) { totals.withLock { $0[label, default: 0] += amount } }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        LabelCounter(label: label, metrics: self)
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        NOOPMetricsHandler.instance
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler { NOOPMetricsHandler.instance }
    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}
}

private final class LabelCounter: CounterHandler, Sendable {
    let label: String
    let metrics: CountingMetrics

    init(label: String, metrics: CountingMetrics) {
        self.label = label
        self.metrics = metrics
    }

    func increment(by amount: Int64) { metrics.add(amount, to: label) }
    func reset() {}
}

/// Polls `condition` every few milliseconds until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(5), _ condition: @Sendable () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return try await condition()
}

/// A flag set from one task and read from another.
final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
