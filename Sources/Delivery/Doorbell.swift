import Synchronization

/// Wakes one waiting task: rung when events are committed or a broker acknowledges, waited on
/// with a time limit. A ring with nobody waiting is kept for the next wait, so none is missed.
public final class Doorbell: Sendable {
    private struct State {
        var rung = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// Creates a bell that has not rung.
    public init() {}

    /// Wakes the waiter, or the next one to wait.
    public func ring() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.rung = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns at the next ring (at once if it rang since the last wait), after `timeout`, or
    /// when the task is cancelled. One waiter at a time.
    public func wait(upTo timeout: Duration) async {
        if state.withLock({ state in
            defer { state.rung = false }
            return state.rung
        }) { return }
        let timer = Task { [self] in
            try? await Task.sleep(for: timeout)
            ring()
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.rung {
                        state.rung = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            ring()
        }
        timer.cancel()
        // A ring from the timer after we woke for another reason must not cut the next wait short.
        state.withLock { $0.rung = false }
    }
}
