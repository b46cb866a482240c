import ContainerCode
import Synchronization

/// The daemon's current list of expected containers, shared by the cameras, the code reader and
/// the feed; replaced whole when the list file is reloaded or a new list is put.
public final class ExpectedContainers: Sendable {
    private let list: Mutex<ExpectedCodes>

    /// A holder starting with `codes`.
    public init(_ codes: ExpectedCodes = .none) {
        list = Mutex(codes)
    }

    /// The list now.
    public var codes: ExpectedCodes {
        list.withLock { $0 }
    }

    /// Replaces the list.
    public func replace(with codes: ExpectedCodes) {
        list.withLock { $0 = codes }
    }
}
