import Synchronization

/// Opens once, when the feed listens: the cameras and systemd's `READY=1` wait for it, so a feed
/// that cannot bind stops the daemon before any camera has started. It closes when the daemon
/// stops: waiters that are still waiting then hear false.
final class StartupGate: Sendable {
    private struct State {
        var isOpen = false
        var isClosed = false
        var waiters: [Int: CheckedContinuation<Bool, Never>] = [:]
        var nextID = 0
    }

    private let state = Mutex(State())

    /// Whether the gate has opened.
    var isOpen: Bool { state.withLock { $0.isOpen } }

    /// Opens the gate and wakes every waiter.
    func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        waiters.forEach { $0.resume(returning: true) }
    }

    /// Closes the gate for good: every waiter, now or later, hears false unless it had opened.
    func close() {
        let waiters = state.withLock { state in
            state.isClosed = true
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        waiters.forEach { $0.resume(returning: false) }
    }

    /// Waits until the gate opens: true, or false when the task was cancelled first.
    func wait() async -> Bool {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let resumeNow: Bool? = state.withLock { state in
                    if state.isOpen { return true }
                    if state.isClosed || Task.isCancelled { return false }
                    state.waiters[id] = continuation
                    return nil
                }
                if let resumeNow { continuation.resume(returning: resumeNow) }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume(returning: false)
        }
    }
}
