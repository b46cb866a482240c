import CVBridge
import Events
import Feed
import Foundation
import Inference
import Logging
import Metrics
import Pipeline
import Plates
import Prometheus
import ServiceLifecycle
import UnixSignals
import Vision

/// The daemon, in-process: every configured camera, the event store, the sinks and the HTTP
/// feed, as one swift-service-lifecycle `ServiceGroup`. `portsight run` parses its arguments and
/// calls this; a test or another program can start and stop it the same way.
///
/// ```swift
/// let daemon = try PortsightDaemon(settings: config, options: .init(version: "1.0"), logger: logger)
/// async let done: Void = daemon.run()
/// let address = await daemon.ready()          // the feed listens, the cameras run
/// await daemon.shutdown()                      // the feed, the cameras, the store, then the sinks
/// try await done
/// ```
///
/// Start-up is ordered: the store opens in `init`; the feed binds its port; only then do the
/// cameras start and systemd hear `READY=1`. A feed that cannot bind stops the daemon with
/// `DaemonError.feedUnavailable` before any camera has run.
public final class PortsightDaemon: Sendable {
    /// How the daemon is run, besides its configuration.
    public struct Options: Sendable {
        /// The version reported in `/status` and sent to sinks.
        public var version: String
        /// The configuration file, read again on SIGHUP; nil: no reloads.
        public var configPath: String?
        /// The signals that stop the daemon gracefully (none for a daemon inside a test).
        public var shutdownSignals: [UnixSignal]
        /// The Prometheus registry `/metrics` shows; the caller bootstraps `MetricsSystem` with a
        /// factory over it (only the executable does).
        public var registry: PrometheusCollectorRegistry
        /// The factory the daemon's own metrics go to.
        public var metrics: any MetricsFactory
        /// systemd's notification socket (`READY=1`, the watchdog); by default `NOTIFY_SOCKET`'s.
        public var notifySocket: String? = ProcessInfo.processInfo.environment["NOTIFY_SOCKET"]

        /// Options for a daemon with its own registry, no reloads and no signals.
        public init(version: String, configPath: String? = nil, shutdownSignals: [UnixSignal] = [],
                    registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), metrics: (any MetricsFactory)? = nil) {
            self.version = version
            self.configPath = configPath
            self.shutdownSignals = shutdownSignals
            self.registry = registry
            self.metrics = metrics ?? PrometheusMetricsFactory(registry: registry)
        }
    }

    /// Where the feed listens once it does.
    public struct FeedAddress: Sendable, Equatable {
        /// The configured host.
        public var host: String
        /// The bound port (the configured one, or the port the system chose for 0).
        public var port: Int
    }

    private let group: ServiceGroup
    private let gate: StartupGate
    private let boundPort: BoundPort
    private let settings: DaemonConfig
    private let engine: InferenceEngine
    private let codeReads: CodeReadService?
    private let detection: DetectionService?
    private let plateRules: SharedPlateRules?
    private let logger: Logger

    /// Opens the store and the models and builds the services; nothing runs until `run()`.
    ///
    /// - Throws: `DaemonError` naming the setting or file that is wrong.
    public init(settings: DaemonConfig, options: Options, logger: Logger) throws(DaemonError) {
        self.settings = settings
        self.logger = logger
        let metrics = options.metrics
        setOpenCVThreads(settings.detector.threads)
        let store = try Self.openStore(settings.store, logger: logger, metrics: metrics)
        let queue = EventQueue(store: store, logger: logger, metricsFactory: metrics)
        let board = StatusBoard(version: options.version, cameras: settings.cameras.map(\.id), sinks: settings.sinks.map(\.name))
        let frames = LatestFrames()

        // One engine for the process.
        do {
            engine = try InferenceEngine.start(settings.inference.settings, logger: logger)
        } catch {
            throw .models("inference: \(error.description)")
        }
        // One detection service for all cameras, on threads of its own: a camera never waits for a
        // network. A thread per core (a run takes the backend's threads), up to 4.
        let detectorRuns = RunRecorder()
        var service: DetectionService?
        if settings.cameras.contains(where: { $0.detection != .off }) {
            let perRun = engine.backend == .openvino ? settings.inference.threads : settings.detector.threads
            let workers = DetectionService.threadCount(threadsPerRun: perRun)
            var detectors: [Detector] = []
            for _ in 0..<workers {
                detectors.append(TimedDetector(try settings.detector.makeDetector(engine: engine), recorder: detectorRuns))
            }
            service = DetectionService(detectors: detectors, logger: logger)
        }
        let detection = service
        self.detection = detection
        let expected = ExpectedListKeeper(path: settings.codes.expectedPath(storePath: settings.store.path), logger: logger)
        expected.reload()
        let expectedVisits = settings.plates.map { ExpectedVisitsKeeper(path: $0.expectedPath(storePath: settings.store.path), logger: logger) }
        try expectedVisits?.load()
        let codeRules = CodeRules(identifyLevel: settings.codes.identifyLevel, expected: expected.containers)
        // One code and plate reader for all cameras, on a thread of its own: a read never holds up a camera.
        let readsPlates = settings.plates != nil && settings.cameras.contains(where: \.readPlates)
        plateRules = readsPlates ? settings.plates.map { SharedPlateRules($0.rules) } : nil
        if settings.cameras.contains(where: \.readCodes) || readsPlates {
            do {
                let reader = try ContainerCodeReader(modelsIn: settings.ocrModels, depth: .quick, engine: engine)
                // The plate reader runs on the same thread: it shares the code reader's text detector.
                var plates: PlateReader?
                if let plateRules {
                    plates = try PlateReader(sharingDetectorOf: reader, modelsIn: settings.ocrModels,
                                             patterns: plateRules.value.search.patterns, engine: self.engine)
                }
                codeReads = CodeReadService(reader: reader, plates: plates, plateRules: plateRules, expected: expected.containers,
                                            yieldingTo: detection, logger: logger)
            } catch {
                throw .models("ocr_models: \(error)")
            }
        } else {
            codeReads = nil
        }
        let codeReads = self.codeReads, plateRules = self.plateRules
        let lanes = SharedLanes(identifyLevel: settings.codes.identifyLevel)
        let makeWorker: @Sendable (CameraConfig) throws -> CameraWorker = { camera in
            var detector: DetectionClient?
            if camera.detection != .off {
                guard let detection else { throw DaemonError.models("detector: no camera detected at start-up, so none is loaded; restart the daemon") }
                detector = detection.client(camera: camera.id)
            }
            let client = codeReads?.client(camera: camera.id, live: camera.realtime)
            let codes = client.map { CodeReadingMode.background($0) }
            let plates = plateRules == nil ? nil : client.map { PlateReadingMode.background($0) }
            return CameraWorker(config: camera, detector: detector, codes: codes, codeRules: codeRules, plates: plates,
                                laneVisits: lanes.visits(lane: camera.lane, cameras: camera.laneCameras, rear: camera.laneRearCameras),
                                expectedVisits: expectedVisits?.visits, queue: queue, logger: logger,
                                latestFrame: { frames.set($0, camera: camera.id) }) { health in
                board.setCamera(CameraStatus(health))
            }
        }

        let gate = StartupGate(), boundPort = BoundPort()
        self.gate = gate
        self.boundPort = boundPort
        let feedSettings = settings.feed, storePath = settings.store.path
        let cameraCount = settings.cameras.count, sinkCount = settings.sinks.count
        let application: any Service
        do {
            application = try FeedServer.makeApplication(
                configuration: FeedConfiguration(host: feedSettings.host, port: feedSettings.port, token: feedSettings.token,
                                                 maxConnections: feedSettings.maxConnections, maxStreams: feedSettings.maxStreams,
                                                 readinessCameras: nil),
                store: store, status: board, snapshots: StoreSnapshotFiles(storeFolder: store.folder, latestFrames: frames),
                subscriber: { queue.subscribe() }, statusMetrics: StatusMetrics(registry: options.registry),
                logger: logger, metricsFactory: metrics, expected: expected
            ) { port in
                boundPort.set(port)
                logger.notice("portsight running", metadata: [
                    "config": "\(options.configPath ?? "-")", "cameras": "\(cameraCount)", "sinks": "\(sinkCount)",
                    "feed": "http://\(feedSettings.host):\(port)/", "store": "\(storePath)",
                ])
                gate.open()
            }
        } catch {
            throw .feedSettings(error.description)
        }
        let feed = FeedService(application: application, host: feedSettings.host, port: feedSettings.port, gate: gate)
        let reload = options.configPath.map { ConfigReload(path: $0) }

        // Stopped in the reverse of this order: the feed first, the cameras, the store once every
        // event offered is written, then the sinks, once they delivered those events (or 5 s
        // passed; an MQTT sink marks itself offline).
        group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [
                .init(service: SinksService(reload: reload, site: settings.site, version: options.version, entries: settings.sinks,
                                            store: store, queue: queue, board: board, logger: logger, metrics: metrics)),
                .init(service: StoreService(store: store, queue: queue, board: board, gate: gate,
                                            systemd: SystemdNotifier(path: options.notifySocket), logger: logger)),
                .init(service: CamerasService(reload: reload, initial: settings.cameras, board: board, frames: frames, gate: gate,
                                              plateRules: plateRules, logger: logger, makeWorker: makeWorker)),
                .init(service: InferenceStatusService(backend: engine.backend.rawValue, detectorRuns: detection == nil ? nil : detectorRuns, detection: detection, codeReads: codeReads,
                                                      board: board)),
                .init(service: ExpectedListService(keeper: expected, visits: expectedVisits, trapsHangups: reload != nil)),
                .init(service: feed),
            ],
            gracefulShutdownSignals: options.shutdownSignals,
            logger: logger))
    }

    deinit {
        codeReads?.stop()
        detection?.stop()
    }

    /// Runs until `shutdown()`, a shutdown signal, or a service's failure.
    ///
    /// - Throws: `DaemonError.feedUnavailable` when the feed cannot listen; a service's error otherwise.
    public func run() async throws {
        await shortenEventLoopSlices(logger: logger)
        defer {
            gate.close()
            codeReads?.stop()
            detection?.stop()
        }
        try await group.run()
        logger.notice("portsight stopped")
    }

    /// Waits until the feed listens and the cameras start; nil when the daemon stopped first.
    public func ready() async -> FeedAddress? {
        guard await gate.wait(), let port = boundPort.value else { return nil }
        return FeedAddress(host: settings.feed.host, port: port)
    }

    /// Stops the daemon in order, as SIGTERM does; `run()` returns once every event is written.
    public func shutdown() async {
        await group.triggerGracefulShutdown()
    }

    private static func openStore(_ config: StoreConfig, logger: Logger, metrics: any MetricsFactory) throws(DaemonError) -> SQLiteEventStore {
        let retention = RetentionPolicy(
            maxAge: config.maxAgeDays > 0 ? .seconds(config.maxAgeDays * 86_400) : nil,
            maxTotalBytes: config.maxSizeMB > 0 ? Int64(config.maxSizeMB * 1_048_576) : nil)
        do {
            return try SQLiteEventStore(
                path: config.path, options: .init(synchronous: config.synchronous, retention: retention),
                logger: logger, metricsFactory: metrics)
        } catch {
            throw .store(path: config.path, reason: error.description)
        }
    }
}
