import Daemon
import Events
import Feed
import Foundation
import Logging
import ServiceLifecycle

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
                } catch {
                    logger.error("retention failed", metadata: ["error": "\(error)"])
                }
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

/// The cameras as a service: each runs on its own thread until shutdown.
struct CamerasService: Service {
    let workers: [CameraWorker]
    let logger: Logger

    func run() async throws {
        for worker in workers { worker.start() }
        try? await gracefulShutdown()
        // Joining the threads blocks: do it off the shared executor.
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
