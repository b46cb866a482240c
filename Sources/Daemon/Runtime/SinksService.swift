import Delivery
import Events
import Feed
import Logging
import Metrics
import ServiceLifecycle
import Synchronization
import UnixSignals

/// The delivery sinks as a service: one runner per configured sink, each from its durable cursor,
/// woken by every commit. A sink whose settings do not load is shown as misconfigured and the
/// others run; no sink's trouble reaches the cameras or the store. SIGHUP reads the sinks again:
/// added ones start, removed ones stop, changed ones restart (from their cursor), the others run on.
///
/// It stops after the store has written the last events (the services stop in reverse order),
/// and gives the sinks up to `drainTime` to deliver them, so that the events of the shutdown
/// itself do not wait for the next start.
struct SinksService: Service {
    /// How long the sinks may take at shutdown to deliver what the store wrote last.
    static let drainTime: Duration = .seconds(5)

    /// The configuration file SIGHUP reads again; nil: SIGHUP is not trapped.
    let reload: ConfigReload?
    let site: String
    /// The daemon's version, sent with MQTT's status messages and webhook headers.
    let version: String
    let entries: [SinkEntry]
    let store: any EventStore
    let queue: EventQueue
    let board: StatusBoard
    let logger: Logger
    let metrics: any MetricsFactory

    func run() async throws {
        let running = RunningSinks()
        for entry in entries { start(entry, in: running) }
        let commits = queue.subscribe()
        let hangups = reload == nil ? nil : await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask {
                    for await _ in commits { running.eventsCommitted() }
                }
                if let hangups, let reload {
                    group.addTask {
                        for await _ in hangups { await self.reload(running, from: reload) }
                    }
                }
            }
            // The commits end when the store has stopped, before this service's turn to stop.
            try? await gracefulShutdown()
        }
        await drain(running)
        await running.stopAll()
    }

    /// Waits until every running sink's cursor reaches the store's last event, or `drainTime`.
    private func drain(_ running: RunningSinks) async {
        guard let last = try? await store.lastSequence else { return }
        running.eventsCommitted()
        let deadline = ContinuousClock.now + Self.drainTime
        var behind = running.runningNames
        while !behind.isEmpty, ContinuousClock.now < deadline {
            var still: [String] = []
            for name in behind where ((try? await store.cursor(forSink: name)) ?? last) < last { still.append(name) }
            behind = still
            if !behind.isEmpty { try? await Task.sleep(for: .milliseconds(50)) }
        }
        if !behind.isEmpty {
            logger.warning("stopping with events not yet delivered; they go out at the next start",
                           metadata: ["sinks": "\(behind.joined(separator: ","))", "last_seq": "\(last)"])
        }
    }

    private func start(_ entry: SinkEntry, in running: RunningSinks) {
        if let problem = entry.problem {
            logger.error("sink not started: its settings do not load", metadata: ["sink": "\(entry.name)", "error": "\(problem)"])
            board.setSink(SinkStatus(name: entry.name, state: .misconfigured, lastError: problem.description))
            running.add(entry, runner: nil)
            return
        }
        guard let config = entry.sink else { return }
        let runner = SinkRunner(sink: makeSink(config), store: store, logger: logger, metricsFactory: metrics) { [board] progress in
            board.setSink(progress)
        }
        running.add(entry, runner: runner)
    }

    private func reload(_ running: RunningSinks, from file: ConfigReload) async {
        let config: DaemonConfig
        do {
            config = try file.load()
        } catch {
            // CamerasService logs the same error; nothing changes here either.
            return
        }
        guard config.site == site else {
            logger.warning("SIGHUP: the site changed; sinks keep the old one until a restart")
            return
        }
        let wanted = Dictionary(config.sinks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for entry in running.entries where wanted[entry.name] != entry {
            let name = entry.name
            await running.stop(name)
            if wanted[name] == nil { board.removeSink(name) }
            logger.notice("SIGHUP: sink stopped", metadata: ["sink": "\(name)", "reason": "\(wanted[name] == nil ? "removed" : "changed")"])
        }
        for entry in config.sinks where !running.has(entry.name) {
            start(entry, in: running)
            logger.notice("SIGHUP: sink started", metadata: ["sink": "\(entry.name)"])
        }
    }

    private func makeSink(_ config: SinkConfig) -> any EventSink {
        switch config {
        case .mqtt(let mqtt):
            var settings = MQTTSinkSettings(
                name: mqtt.name, host: mqtt.host, port: mqtt.port, clientID: mqtt.clientID ?? "portsight-\(site)-\(mqtt.name)",
                site: site, version: version)
            settings.username = mqtt.username
            settings.password = mqtt.password
            settings.tls = mqtt.tls
            settings.caFile = mqtt.caFile
            settings.certFile = mqtt.certFile
            settings.keyFile = mqtt.keyFile
            settings.tlsInsecure = mqtt.tlsInsecure
            settings.topicPrefix = mqtt.topicPrefix
            settings.window = mqtt.window
            settings.keepalive = .seconds(mqtt.keepaliveSeconds)
            return MQTTSink(settings: settings, logger: logger)
        case .webhook(let hook):
            let settings = WebhookSinkSettings(
                name: hook.name, url: hook.url, secret: hook.secret, batchSize: hook.batch,
                requestTimeout: .seconds(hook.timeoutSeconds), extraHeaders: hook.headers, site: site,
                version: version)
            return WebhookSink(settings: settings, logger: logger)
        }
    }
}

/// The sinks that run (or are shown as misconfigured), by name, with the settings they run with.
final class RunningSinks: Sendable {
    private struct Running {
        var entry: SinkEntry
        var runner: SinkRunner?
        var task: Task<Void, Never>?
    }

    private let sinks = Mutex<[String: Running]>([:])

    /// The settings of every sink that runs or is shown, by name.
    var entries: [SinkEntry] { sinks.withLock { $0.values.map(\.entry) }.sorted { $0.name < $1.name } }

    func has(_ name: String) -> Bool { sinks.withLock { $0[name] != nil } }

    /// The names of the sinks that run (not those only shown as misconfigured).
    var runningNames: [String] { sinks.withLock { $0.values.filter { $0.runner != nil }.map(\.entry.name) }.sorted() }

    /// Starts `runner` (nil for a sink kept only to show its problem).
    func add(_ entry: SinkEntry, runner: SinkRunner?) {
        let task = runner.map { runner in Task { await runner.run() } }
        sinks.withLock { $0[entry.name] = Running(entry: entry, runner: runner, task: task) }
    }

    /// Wakes every runner: events were committed.
    func eventsCommitted() {
        let runners = sinks.withLock { $0.values.compactMap(\.runner) }
        runners.forEach { $0.eventsCommitted() }
    }

    /// Stops one sink and waits until it has closed its connections.
    func stop(_ name: String) async {
        guard let task = sinks.withLock({ $0.removeValue(forKey: name)?.task }) else { return }
        task.cancel()
        await task.value
    }

    /// Stops every sink.
    func stopAll() async {
        let tasks = sinks.withLock { sinks in
            defer { sinks.removeAll() }
            return sinks.values.compactMap(\.task)
        }
        tasks.forEach { $0.cancel() }
        for task in tasks { await task.value }
    }
}
