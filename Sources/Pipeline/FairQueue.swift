/// Jobs from several cameras, taken in turns, so that a busy camera cannot starve a quiet one: each
/// camera has its own queue, the camera after the one served last goes first, and a camera may
/// have only so many jobs waiting.
struct FairQueue<Job> {
    private var queues: [String: [Job]] = [:]
    private var order: [String] = []  // cameras in the order they take turns
    private var lastServed: String?
    /// Jobs waiting, over all cameras.
    private(set) var count = 0

    /// Adds `job` for `camera`; when the camera then has more than `limit` waiting, takes its oldest
    /// job out and returns it.
    mutating func append(_ job: Job, camera: String, limit: Int) -> Job? {
        if queues[camera] == nil { order.append(camera) }
        queues[camera, default: []].append(job)
        count += 1
        guard queues[camera]!.count > limit else { return nil }
        count -= 1
        return queues[camera]!.removeFirst()
    }

    /// The next job, cameras taking turns; nil when none waits.
    mutating func next() -> Job? {
        guard count > 0 else { return nil }
        let start = lastServed.flatMap { order.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
        for offset in 0..<order.count {
            let camera = order[(start + offset) % order.count]
            guard let queue = queues[camera], !queue.isEmpty else { continue }
            lastServed = camera
            count -= 1
            return queues[camera]!.removeFirst()
        }
        return nil
    }

    /// Takes every waiting job out, in no particular order.
    mutating func removeAll() -> [Job] {
        defer {
            queues = [:]
            count = 0
        }
        return queues.values.flatMap { $0 }
    }
}
