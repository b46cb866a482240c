/// The event queue's mutable state, kept behind one lock.
struct QueueState: ~Copyable {
    /// Events not yet committed, oldest first; the writer's current batch is at the front.
    var pending: [NewEvent] = []
    /// Producers waiting in `submit` for room, in arrival order.
    var waiting: [WaitingProducer] = []
    /// The writer, when it sleeps.
    var writerWake: WriterWake?
    var subscribers: [UInt64: AsyncStream<StoredEvent>.Continuation] = [:]
    var writer: Task<Void, Never>?
    var finishing = false
    var writerDone = false
    var nextID: UInt64 = 0
    var accepted = 0
    var dropped = 0
    var committed = 0
    var batches = 0
    var failures = 0
    /// The last write's error; nil once a write succeeds.
    var lastError: String?
    var lastCommittedSeq: Int64 = 0

    mutating func makeID() -> UInt64 {
        nextID += 1
        return nextID
    }

    /// Appends an event and returns the writer's wake-up if the writer waits for what is now there.
    mutating func enqueue(_ event: NewEvent, maxBatch: Int) -> WriterWake? {
        pending.append(event)
        accepted += 1
        guard let wake = writerWake else { return nil }
        switch wake.condition {
        case .anyWork: return takeWriterWake()
        case .fullBatch: return pending.count >= maxBatch ? takeWriterWake() : nil
        }
    }

    mutating func takeWriterWake() -> WriterWake? {
        defer { writerWake = nil }
        return writerWake
    }

    /// Removes a committed batch from the front, lets waiting producers in while there is room,
    /// and returns those producers (to resume outside the lock), the subscribers and the depth.
    mutating func commit(count: Int, lastSeq: Int64, capacity: Int)
        -> (admitted: [WaitingProducer], subscribers: [AsyncStream<StoredEvent>.Continuation], depth: Int)
    {
        pending.removeFirst(count)
        committed += count
        batches += 1
        lastCommittedSeq = lastSeq
        var admitted: [WaitingProducer] = []
        while !waiting.isEmpty, pending.count < capacity {
            let producer = waiting.removeFirst()
            pending.append(producer.event)
            accepted += 1
            admitted.append(producer)
        }
        return (admitted, Array(subscribers.values), pending.count)
    }
}

/// A producer suspended in `submit`, with the event it brings.
struct WaitingProducer: Sendable {
    var id: UInt64
    var event: NewEvent
    var continuation: CheckedContinuation<EventQueueError?, Never>
}

/// What the sleeping writer waits for.
enum WakeCondition: Sendable {
    /// Any pending event.
    case anyWork
    /// A full batch.
    case fullBatch
}

/// The sleeping writer's continuation.
struct WriterWake: Sendable {
    var condition: WakeCondition
    var generation: UInt64
    var continuation: CheckedContinuation<Void, Never>

    func resume() { continuation.resume() }
}
