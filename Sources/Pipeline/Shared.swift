import Synchronization

/// A value the cameras, the reading service and the feed share across threads, replaced whole
/// when its file or configuration is reloaded: the expected containers and visits, the plate rules.
public final class Shared<Value: Sendable>: Sendable {
    private let stored: Mutex<Value>

    /// A holder starting with `value`.
    public init(_ value: Value) {
        stored = Mutex(value)
    }

    /// The value now.
    public var value: Value {
        stored.withLock { $0 }
    }

    /// Replaces the value.
    public func replace(with value: Value) {
        stored.withLock { $0 = value }
    }
}
