import ArgumentParser
import CVBridge
import Daemon
import Detection
import Events
import Feed
import Foundation
import Inference
import Logging
import Metrics
import Pipeline
import Prometheus
import ServiceLifecycle
import Vision

/// `portsight run --config portsight.yml`: the daemon.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the daemon: every configured camera, the event store and the HTTP feed.",
        discussion: """
            SIGTERM or SIGINT stop it in order: the feed, then the cameras, then the store once every event is written. \
            SIGHUP reloads the cameras from the configuration file.
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
        setOpenCVThreads(settings.detector.threads)

        let store: SQLiteEventStore
        do {
            let retention = RetentionPolicy(
                maxAge: settings.store.maxAgeDays > 0 ? .seconds(settings.store.maxAgeDays * 86_400) : nil,
                maxTotalBytes: settings.store.maxSizeMB > 0 ? Int64(settings.store.maxSizeMB * 1_048_576) : nil)
            store = try SQLiteEventStore(
                path: settings.store.path,
                options: .init(synchronous: settings.store.synchronous == "normal" ? .normal : .full, retention: retention),
                logger: logger, metricsFactory: metrics)
        } catch {
            throw fail(error.description)
        }
        let queue = EventQueue(store: store, logger: logger, metricsFactory: metrics)
        let board = StatusBoard(version: PortsightVersion.string, cameras: settings.cameras.map(\.id),
                                sinks: settings.sinks.map(\.name))
        let frames = LatestFrames()

        // One engine for the process; each camera gets its own detector, because a loaded network
        // serves one thread at a time.
        let engine: InferenceEngine
        do {
            engine = try InferenceEngine.start(settings.inference.settings, logger: logger)
        } catch {
            throw fail("inference: \(error.description)")
        }
        let detectorConfig = settings.detector
        // One code reader for all cameras, on a thread of its own: a read never holds up a camera.
        let codeReads = settings.cameras.contains(where: \.readCodes)
            ? CodeReadService(reader: try makeCodeReader(models: settings.ocrModels, depth: .quick, engine: engine), logger: logger)
            : nil
        defer { codeReads?.stop() }
        let detectorRuns = settings.cameras.contains(where: { $0.detection != "off" }) ? RunRecorder() : nil
        let makeWorker: @Sendable (CameraConfig) throws -> CameraWorker = { camera in
            let detector = camera.detection == "off" ? nil
                : TimedDetector(try Self.makeDetector(detectorConfig, engine: engine), recorder: detectorRuns ?? RunRecorder())
            let codes = codeReads.map { CodeReadingMode.background($0.client(camera: camera.id)) }
            return CameraWorker(config: camera, detector: detector, codes: codes, queue: queue, logger: logger,
                                latestFrame: { frames.set($0, camera: camera.id) }) { health in
                board.setCamera(CameraStatus(health))
            }
        }
        let feed: any Service
        do {
            feed = try FeedServer.makeApplication(
                configuration: FeedConfiguration(host: settings.feed.host, port: settings.feed.port, token: settings.feed.token,
                                                 readinessCameras: nil),
                store: store, status: board, snapshots: StoreSnapshotFiles(storeFolder: store.folder, latestFrames: frames),
                subscriber: { queue.subscribe() }, statusMetrics: StatusMetrics(registry: registry),
                logger: logger, metricsFactory: metrics)
        } catch {
            throw fail(error.description)
        }
        // Started in this order, stopped in the reverse: the feed first, the cameras, the sinks (an
        // MQTT sink marks itself offline), then the store once every event offered is written.
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [
                .init(service: StoreService(store: store, queue: queue, board: board, logger: logger)),
                .init(service: SinksService(configPath: config, site: settings.site, entries: settings.sinks, store: store, queue: queue, board: board,
                                            logger: logger, metrics: metrics)),
                .init(service: CamerasService(configPath: config, initial: settings.cameras, board: board, frames: frames, logger: logger,
                                              makeWorker: makeWorker)),
                .init(service: InferenceStatusService(backend: engine.backend.rawValue, detectorRuns: detectorRuns, codeReads: codeReads,
                                                      board: board)),
                .init(service: feed),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        await shortenEventLoopSlices(logger: logger)
        logger.notice("portsight running", metadata: [
            "config": "\(config)", "cameras": "\(settings.cameras.count)", "sinks": "\(settings.sinks.count)",
            "feed": "http://\(settings.feed.host):\(settings.feed.port)/", "store": "\(settings.store.path)",
        ])
        try await group.run()
        logger.notice("portsight stopped")
    }

    private static func makeDetector(_ config: DetectorConfig, engine: InferenceEngine) throws -> YOLODetector {
        var settings = DetectorSettings()
        settings.inputSize = config.inputSize
        settings.scoreThreshold = Float(config.score)
        settings.threads = config.threads
        if let categories = config.categories {
            do {
                settings.categories = try CategoryMap(parsing: categories)
            } catch {
                throw fail("detector.categories: \(error.description)")
            }
            settings.strictCategories = true
        }
        let kind: DetectorModel.Kind = switch config.layout {
        case "yolov5": .yolov5
        case "yolov8": .yolov8
        default: .darknet(config: config.modelConfig ?? "")
        }
        let defaults = DetectorConfig()
        let model = (config.model, config.modelConfig, config.labels) == (defaults.model, defaults.modelConfig, defaults.labels)
            ? DetectorModel.yolov4Tiny(in: "models", precision: config.precision)
            : DetectorModel(path: config.model, kind: kind, labelsPath: config.labels)
        return try openDetector(model, settings: settings, engine: engine)
    }
}

extension CameraStatus {
    /// The feed's view of a worker's report.
    init(_ health: CameraHealth) {
        let hourAgo = Date().addingTimeInterval(-3600)
        self.init(id: health.id, state: health.state, fpsRead: health.fpsRead.rounded(toPlaces: 1),
                  fpsProcessed: health.fpsProcessed.rounded(toPlaces: 1), droppedFrames: Int64(health.dropped),
                  lastFrameAgeS: health.lastFrame.map { Date().timeIntervalSince($0).rounded(toPlaces: 2) },
                  reconnectsLastHour: health.reconnects.filter { $0 > hourAgo }.count,
                  stallsLastHour: health.stalls.filter { $0 > hourAgo }.count,
                  detectorRunsPerS: health.detectorRunsPerSecond.rounded(toPlaces: 2),
                  detectorMsPerRun: health.detectorMsPerRun.rounded(toPlaces: 1),
                  latencyP50Ms: health.latencyP50Ms, latencyP99Ms: health.latencyP99Ms)
    }
}
