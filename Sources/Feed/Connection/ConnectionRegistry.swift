import NIOCore
import Synchronization

/// The feed's open connections and which of them may be closed to make room.
///
/// At `limit` connections, a new one closes the connection that has waited longest without a
/// request being answered on it: an idle keep-alive connection, or one still sending its request
/// head. Connections being answered (an event stream, a store query) are never closed here, and
/// event streams have their own, smaller cap (`FeedConfiguration.maxStreams`), so a liveness
/// probe always finds room, however many clients hold sockets open or send their heads slowly.
final class ConnectionRegistry: Sendable {
    private struct Entry {
        let channel: any Channel
        /// Whether a request is being answered on it.
        var busy: Bool
        /// When it was last answered, or opened.
        var since: NIODeadline
    }

    let limit: Int
    private let entries = Mutex<[ObjectIdentifier: Entry]>([:])

    init(limit: Int) {
        self.limit = limit
    }

    /// The connections open now.
    var count: Int { entries.withLock { $0.count } }

    /// Counts `channel` in, closing the longest-idle connection when the limit is reached.
    func admit(_ channel: any Channel, at now: NIODeadline) {
        let evicted: (any Channel)? = entries.withLock { entries in
            var victim: (key: ObjectIdentifier, since: NIODeadline)?
            if entries.count >= limit {
                for (key, entry) in entries where !entry.busy && entry.since < (victim?.since ?? .distantFuture) {
                    victim = (key, entry.since)
                }
            }
            entries[ObjectIdentifier(channel)] = Entry(channel: channel, busy: false, since: now)
            return victim.flatMap { entries.removeValue(forKey: $0.key)?.channel }
        }
        evicted?.close(promise: nil)
    }

    /// Marks `channel` as being answered, or as idle since `now`.
    func setBusy(_ busy: Bool, _ channel: any Channel, at now: NIODeadline) {
        entries.withLock { entries in
            let key = ObjectIdentifier(channel)
            guard entries[key] != nil else { return }
            entries[key]!.busy = busy
            if !busy { entries[key]!.since = now }
        }
    }

    /// Counts `channel` out.
    func remove(_ channel: any Channel) {
        _ = entries.withLock { $0.removeValue(forKey: ObjectIdentifier(channel)) }
    }
}
