/// Why the event queue did not take an event.
public enum EventQueueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `finish()` was called; the queue takes no new events.
    case finished
    /// The submitting task was cancelled while it waited for room.
    case cancelled
    /// The event cannot be stored as given (see the wrapped error's reason).
    case invalidEvent(EventStoreError)

    /// What happened, in words for an operator or developer.
    public var description: String {
        switch self {
        case .finished: return "event queue: finished, no new events are taken (the daemon is shutting down)"
        case .cancelled: return "event queue: the producer was cancelled while waiting for room"
        case .invalidEvent(let error): return error.description
        }
    }
}
