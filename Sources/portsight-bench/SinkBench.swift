import ArgumentParser
import CommandOptions
import Delivery
import Events
import Foundation
import Logging
import Metrics
import PixelCore
import Synchronization
import Timing

/// `portsight bench sinks`: events per second delivered to an MQTT broker from the SQLite store,
/// and the delay from commit to the broker's acknowledgement.
struct SinkBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sinks",
        abstract: "MQTT delivery: events/s from a backlog, and commit-to-ack delay (p50, p99) at a steady rate.",
        discussion: "scripts/benchmarks/bench-sinks starts a local mosquitto and runs this against it."
    )

    @Option(help: "The broker's host.")
    var host = "127.0.0.1"

    @Option(help: "The broker's port.")
    var port: Int

    @Option(help: "Events in the backlog of each throughput run.")
    var events = 20_000

    @Option(help: "Throughput runs (the median is reported).")
    var runs = 3

    @Option(help: "Publishes in flight at most (the sink's window).")
    var window = 256

    @Option(help: "Events per second for the delay run.")
    var rate = 1_000

    @Option(help: "Seconds of the delay run.")
    var seconds = 5.0

    func run() async throws {
        let logger = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portsight-sink-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteEventStore(path: folder.appendingPathComponent("events.sqlite").path,
                                         options: .init(synchronous: .full), logger: logger)
        let site = "bench\(UInt32.random(in: 0...UInt32.max))"

        var rates: [Double] = []
        for run in 0..<runs {
            _ = try await Self.append(events, to: store)
            let last = try await store.lastSequence
            // A new sink name per run: its cursor starts at 0 and the whole store is its backlog.
            let sink = MQTTSink(settings: settings(name: "backlog\(run)", site: site), logger: logger)
            let done = Doorbell()
            let reached = Mutex<Int64>(0)
            let runner = SinkRunner(sink: sink, store: store, logger: logger, metricsFactory: NOOPMetricsHandler.instance,
                                    onDelivered: { batch in
                                        reached.withLock { $0 = batch.last?.seq ?? $0 }
                                        if batch.last?.seq == last { done.ring() }
                                    })
            let clock = ContinuousClock()
            let start = clock.now
            let task = Task { await runner.run() }
            while reached.withLock({ $0 }) < last { await done.wait(upTo: .milliseconds(100)) }
            let elapsed = clock.now - start
            task.cancel()
            await task.value
            let rate = Double(last) / elapsed.inSeconds
            rates.append(rate)
            print(#"{"run": \#(run), "events": \#(last), "seconds": \#(elapsed.inSeconds.rounded(toPlaces: 3)), "events_per_s": \#(Int(rate))}"#)
        }
        let median = rates.sorted()[rates.count / 2]

        // The delay run: a caught-up sink, events committed at a steady rate in batches of 10.
        let commits = Mutex<[Int64: ContinuousClock.Instant]>([:])
        let delays = Mutex<[Duration]>([])
        let clock = ContinuousClock()
        let sink = MQTTSink(settings: settings(name: "steady", site: site), logger: logger)
        let catchUp = try await store.lastSequence
        let runner = SinkRunner(sink: sink, store: store, logger: logger, metricsFactory: NOOPMetricsHandler.instance,
                                onDelivered: { batch in
                                    let now = clock.now
                                    let committed = commits.withLock { commits in batch.compactMap { commits[$0.seq] } }
                                    delays.withLock { $0 += committed.map { now - $0 } }
                                })
        try await store.setCursor(catchUp, forSink: "steady")
        let task = Task { await runner.run() }
        let perBatch = 10
        let interval = Duration.seconds(Double(perBatch) / Double(rate))
        var next = clock.now
        let end = clock.now + .seconds(seconds)
        var produced = 0
        while clock.now < end {
            let stored = try await Self.append(perBatch, to: store, from: produced)
            let now = clock.now
            commits.withLock { commits in for event in stored { commits[event.seq] = now } }
            runner.eventsCommitted()
            produced += perBatch
            next += interval
            try await clock.sleep(until: next)
        }
        let lastSteady = try await store.lastSequence
        while try await store.cursor(forSink: "steady") < lastSteady { try await Task.sleep(for: .milliseconds(20)) }
        task.cancel()
        await task.value
        let measured = delays.withLock { $0 }.map(\.inMilliseconds).sorted()
        let p50 = measured.isEmpty ? 0 : measured[measured.count / 2]
        let p99 = measured.isEmpty ? 0 : measured[min(measured.count - 1, Int(Double(measured.count) * 0.99))]
        print(#"{"summary": true, "backlog_events_per_s_median": \#(Int(median)), "window": \#(window), "steady_rate": \#(rate), "#
              + #""steady_events": \#(measured.count), "commit_to_ack_ms_p50": \#(p50.rounded(toPlaces: 2)), "#
              + #""commit_to_ack_ms_p99": \#(p99.rounded(toPlaces: 2))}"#)
    }

    private func settings(name: String, site: String) -> MQTTSinkSettings {
        var settings = MQTTSinkSettings(name: name, host: host, port: port, clientID: "portsight-bench-\(name)-\(site)",
                                        site: site, version: PortsightVersion.string)
        settings.window = window
        return settings
    }

    /// Appends `count` small events in batches of at most 500 (as the event queue does).
    private static func append(_ count: Int, to store: SQLiteEventStore, from start: Int = 0) async throws -> [StoredEvent] {
        var stored: [StoredEvent] = []
        var index = start
        while index < start + count {
            let batch = (index..<min(start + count, index + 500)).map { i in
                NewEvent(id: "bench-\(UUID().uuidString.prefix(8))-\(i)", type: .objectEntered, camera: ["gate1", "gate2", "quay1"][i % 3],
                         time: Date(), mediaTimeS: Double(i) * 0.1)
            }
            stored += try await store.append(batch)
            index += batch.count
        }
        return stored
    }
}
