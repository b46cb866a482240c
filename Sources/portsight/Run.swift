import ArgumentParser
import CommandOptions
import Daemon
import Feed
import Metrics
import Prometheus

/// `portsight run --config portsight.yml`: the daemon.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the daemon: every configured camera, the event store and the HTTP feed.",
        discussion: """
            SIGTERM or SIGINT stop it in order: the feed, then the cameras, then the store once every event is written. \
            SIGHUP reloads the cameras and sinks from the configuration file.
            """
    )

    @Option(help: "The configuration file (see samples/portsight.example.yml).")
    var config: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let logger = global.bootstrapLogging()
        let settings: DaemonConfig
        do {
            settings = try ConfigLoader.load(DaemonConfig.self, from: config)
        } catch {
            throw fail(error.description)
        }
        let registry = PrometheusCollectorRegistry()
        var metrics = PrometheusMetricsFactory(registry: registry)
        metrics.durationHistogramBuckets[FeedServer.requestDurationLabel] = FeedServer.requestDurationBuckets
        MetricsSystem.bootstrap(metrics)
        let options = PortsightDaemon.Options(version: PortsightVersion.string, configPath: config, shutdownSignals: [.sigterm, .sigint],
                                              registry: registry, metrics: metrics)
        do {
            try await PortsightDaemon(settings: settings, options: options, logger: logger).run()
        } catch let error as DaemonError {
            throw fail(error.description)
        }
    }
}
