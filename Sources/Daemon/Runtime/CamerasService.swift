import Feed
import Logging
import Pipeline
import ServiceLifecycle
import UnixSignals

/// The cameras as a service: each runs on its own thread until shutdown. SIGHUP reads the
/// configuration again: cameras added are started, removed ones stopped, changed ones restarted;
/// the others run on untouched. A file that does not load is logged and changes nothing.
struct CamerasService: Service {
    /// The configuration file SIGHUP reads again; nil: SIGHUP is not trapped.
    let reload: ConfigReload?
    let initial: [CameraConfig]
    let board: StatusBoard
    let frames: LatestFrames
    /// The cameras start once the feed listens.
    let gate: StartupGate
    /// The plate rules the cameras read under, replaced on reload; nil: no plates are read.
    let plateRules: SharedPlateRules?
    let logger: Logger
    let makeWorker: @Sendable (CameraConfig) throws -> CameraWorker

    func run() async throws {
        let running = RunningCameras()
        guard await cancelWhenGracefulShutdown({ await gate.wait() }) else { return }
        do {
            for camera in initial { running.start(try makeWorker(camera)) }
        } catch {
            await running.stopAll(logger: logger)
            throw error
        }
        if let reload {
            let hangups = await UnixSignalsSequence(trapping: .sighup)
            await cancelWhenGracefulShutdown {
                for await _ in hangups { await self.reload(running, from: reload) }
            }
        } else {
            try? await gracefulShutdown()
        }
        await running.stopAll(logger: logger)
    }

    private func reload(_ running: RunningCameras, from file: ConfigReload) async {
        let config: DaemonConfig
        do {
            config = try file.load()
        } catch {
            logger.error("SIGHUP: the configuration does not load; nothing changed", metadata: ["error": "\(error)"])
            return
        }
        if let plateRules, let plates = config.plates, plates.rules != plateRules.value {
            plateRules.replace(with: plates.rules)
            logger.notice("SIGHUP: plate patterns changed", metadata: ["regions": "\(plates.regions)", "patterns": "\(plates.patterns.keys.sorted())"])
        } else if (plateRules == nil) != (config.plates == nil) {
            logger.warning("SIGHUP: plate reading is turned on or off by a restart only")
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
        logger.notice("SIGHUP: configuration reloaded (store, feed, detector and turning plates on or off need a restart)",
                      metadata: ["cameras": "\(config.cameras.count)"])
    }
}

