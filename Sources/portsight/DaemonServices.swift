import Daemon
import Events
import Feed
import Foundation
import Logging
import Pipeline
import PixelCore
import ServiceLifecycle
import UnixSignals

/// The event store as a service: keeps the store's figures on the status board, applies retention,
/// and on shutdown writes every event still queued before it returns.
struct StoreService: Service {
    let store: SQLiteEventStore
    let queue: EventQueue
    let board: StatusBoard
    let logger: Logger

    func run() async throws {
        var round = 0
        let systemd = SystemdNotifier()
        systemd.notify("READY=1")
        // The watchdog is fed from this loop: if the store service stops turning, systemd restarts us.
        let watchdogEvery = SystemdNotifier.watchdogInterval().map { $0 / 2 }
        var lastPing = ContinuousClock.now
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if let watchdogEvery, ContinuousClock.now - lastPing >= watchdogEvery {
                systemd.notify("WATCHDOG=1")
                lastPing = ContinuousClock.now
            }
            if let statistics = try? await store.statistics() { board.setStore(StoreStatus(statistics)) }
            if round % 60 == 0 {
                do {
                    try await store.applyRetention(now: Date())
                } catch let error where !Task.isCancelled {
                    // (Cancelled, as when another service failed to start, it is no failure.)
                    logger.error("retention failed", metadata: ["error": "\(error)"])
                } catch {}
            }
            round += 1
            try? await Task.sleep(for: .seconds(1))
        }
        systemd.notify("STOPPING=1")
        await queue.finish()
        let last = (try? await store.lastSequence) ?? 0
        logger.notice("event store flushed", metadata: ["last_seq": "\(last)"])
    }
}

/// The cameras as a service: each runs on its own thread until shutdown. SIGHUP reads the
/// configuration again: cameras added are started, removed ones stopped, changed ones restarted;
/// the others run on untouched. A file that does not load is logged and changes nothing.
struct CamerasService: Service {
    let configPath: String
    let initial: [CameraConfig]
    let board: StatusBoard
    let frames: LatestFrames
    let logger: Logger
    let makeWorker: @Sendable (CameraConfig) throws -> CameraWorker

    func run() async throws {
        let running = RunningCameras()
        for camera in initial { running.start(try makeWorker(camera)) }
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in hangups { await reload(running) }
        }
        await running.stopAll(logger: logger)
    }

    private func reload(_ running: RunningCameras) async {
        let config: DaemonConfig
        do {
            config = try ConfigLoader.load(DaemonConfig.self, from: configPath)
        } catch {
            logger.error("SIGHUP: the configuration does not load; nothing changed", metadata: ["error": "\(error)"])
            return
        }
        let wanted = Dictionary(uniqueKeysWithValues: config.cameras.map { ($0.id, $0) })
        for (id, worker) in running.all where wanted[id] != worker.config {
            await running.stop(id, logger: logger)
            if wanted[id] == nil {
                board.removeCamera(id)
                frames.remove(camera: id)
            }
            logger.notice("SIGHUP: camera stopped", metadata: ["camera": "\(id)", "reason": "\(wanted[id] == nil ? "removed" : "changed")"])
        }
        for camera in config.cameras where running.worker(camera.id) == nil {
            do {
                board.setCamera(CameraStatus(CameraHealth(id: camera.id)))
                running.start(try makeWorker(camera))
                logger.notice("SIGHUP: camera started", metadata: ["camera": "\(camera.id)"])
            } catch {
                logger.error("SIGHUP: camera cannot start", metadata: ["camera": "\(camera.id)", "error": "\(error)"])
            }
        }
        logger.notice("SIGHUP: configuration reloaded (store, feed and detector changes need a restart)",
                      metadata: ["cameras": "\(config.cameras.count)"])
    }
}

/// The camera workers that run, by id.
final class RunningCameras: @unchecked Sendable {
    // Touched only by CamerasService's task, one reload at a time.
    private var workers: [String: CameraWorker] = [:]

    var all: [(String, CameraWorker)] { workers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
    func worker(_ id: String) -> CameraWorker? { workers[id] }

    func start(_ worker: CameraWorker) {
        workers[worker.config.id] = worker
        worker.start()
    }

    func stop(_ id: String, logger: Logger) async {
        guard let worker = workers.removeValue(forKey: id) else { return }
        await Self.join([worker], logger: logger)
    }

    func stopAll(logger: Logger) async {
        let stopping = Array(workers.values)
        workers.removeAll()
        await Self.join(stopping, logger: logger)
    }

    /// Joining the threads blocks: do it off the shared executor.
    private static func join(_ workers: [CameraWorker], logger: Logger) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread {
                for worker in workers where !worker.stop() {
                    logger.warning("camera did not stop in time", metadata: ["camera": "\(worker.config.id)"])
                }
                done.resume()
            }.start()
        }
    }
}

/// Puts the inference figures on the status board once a second: the backend in force, the
/// detector's runs on all cameras, and the shared code reader's queue.
struct InferenceStatusService: Service {
    let backend: String
    let detectorRuns: RunRecorder?
    let codeReads: CodeReadService?
    let board: StatusBoard

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let detector = detectorRuns.map(\.stats).map {
                RunStatus(runs: Int64($0.runs), msP50: $0.msP50.rounded(toPlaces: 1), msP99: $0.msP99.rounded(toPlaces: 1))
            }
            board.setInference(InferenceStatus(backend: backend, detector: detector, codeReader: codeReads.map { QueueStatus($0.stats) }))
            try? await Task.sleep(for: .seconds(1))
        }
    }
}

extension QueueStatus {
    /// The reading service's figures.
    init(_ stats: CodeReadStats) {
        self.init(runs: Int64(stats.runs), dropped: Int64(stats.dropped), queued: Int64(stats.queued),
                  msP50: stats.msP50.rounded(toPlaces: 1), msP99: stats.msP99.rounded(toPlaces: 1),
                  waitMsP50: stats.waitMsP50.rounded(toPlaces: 1), waitMsP99: stats.waitMsP99.rounded(toPlaces: 1))
    }
}
