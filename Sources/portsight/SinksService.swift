import Daemon
import Delivery
import Events
import Feed
import Logging
import Metrics
import ServiceLifecycle

/// The delivery sinks as a service: one runner per configured sink, each from its durable cursor,
/// woken by every commit. A sink whose settings do not load is shown as misconfigured and the
/// others run; no sink's trouble reaches the cameras or the store.
struct SinksService: Service {
    let site: String
    let entries: [SinkEntry]
    let store: any EventStore
    let queue: EventQueue
    let board: StatusBoard
    let logger: Logger
    let metrics: any MetricsFactory

    func run() async throws {
        var runners: [SinkRunner] = []
        for entry in entries {
            if let problem = entry.problem {
                logger.error("sink not started: its settings do not load", metadata: ["sink": "\(entry.name)", "error": "\(problem)"])
                board.setSink(SinkStatus(name: entry.name, state: .misconfigured, lastError: problem.description))
                continue
            }
            guard let config = entry.sink else { continue }
            let sink = makeSink(config)
            runners.append(SinkRunner(sink: sink, store: store, logger: logger, metricsFactory: metrics) { [board] progress in
                board.setSink(SinkStatus(progress))
            })
        }
        guard !runners.isEmpty else { return }
        let started = runners
        let commits = queue.subscribe()
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for runner in started {
                    group.addTask { await runner.run() }
                }
                group.addTask {
                    for await _ in commits { started.forEach { $0.eventsCommitted() } }
                }
            }
        }
    }

    private func makeSink(_ config: SinkConfig) -> any EventSink {
        switch config {
        case .mqtt(let mqtt):
            var settings = MQTTSinkSettings(
                name: mqtt.name, host: mqtt.host, port: mqtt.port, clientID: mqtt.clientID ?? "portsight-\(site)-\(mqtt.name)",
                site: site, version: PortsightVersion.string)
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
                version: PortsightVersion.string)
            return WebhookSink(settings: settings, logger: logger)
        }
    }
}

extension SinkStatus {
    /// The feed's view of a runner's report.
    init(_ progress: SinkProgress) {
        let state: SinkState = switch progress.state {
        case .connecting: .connecting
        case .delivering: .delivering
        case .retrying: .retrying
        case .misconfigured: .misconfigured
        }
        self.init(name: progress.name, kind: progress.kind, state: state, cursor: progress.cursor, lagEvents: progress.lagEvents,
                  lagS: progress.lagS.rounded(toPlaces: 2), delivered: progress.delivered, failures: progress.failures,
                  deadLetters: progress.deadLetters, lastError: progress.lastError)
    }
}
