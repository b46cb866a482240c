import Events

/// Gives a new stream of committed events, in seq order, from the moment it is called: the
/// daemon passes `{ queue.subscribe() }` (`EventQueue.subscribe()`). A stream may skip events
/// when its reader falls behind; the feed notices the jump in seq and reads them from the store.
public typealias EventSubscriber = @Sendable () -> AsyncStream<StoredEvent>
