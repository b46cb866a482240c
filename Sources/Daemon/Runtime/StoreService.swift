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
    /// Opens when the feed listens: systemd hears `READY=1` then, not before.
    let gate: StartupGate
    let systemd: SystemdNotifier
    let logger: Logger

    func run() async throws {
        var round = 0
        let readiness = Task { [gate, systemd] in
            if await gate.wait() { systemd.notify("READY=1") }
        }
        defer { readiness.cancel() }
        // The watchdog is fed from this loop: if the store service stops turning, systemd restarts us.
        let watchdogEvery = SystemdNotifier.watchdogInterval().map { $0 / 2 }
        var lastPing = ContinuousClock.now
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if let watchdogEvery, ContinuousClock.now - lastPing >= watchdogEvery {
                systemd.notify("WATCHDOG=1")
                lastPing = ContinuousClock.now
            }
            // The queue's figures go up even when the store cannot give its own: a failing store shows.
            let figures = (try? await store.statistics()).map(StoreStatus.init) ?? board.statusSnapshot().store
            board.setStore(figures.with(queue.statistics()))
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

