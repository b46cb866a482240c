import SchedShim

/// How long the kernel lets a thread run before another may take its core: a scheduling hint
/// for Linux's EEVDF scheduler (6.12 and later; earlier kernels accept it and ignore it).
///
/// On a small box the pipelines keep the cores busy. With the default slice (about 1.5 ms on
/// two cores) a thread that wakes for a short job, such as a feed event loop with a request or the
/// client that sent it, can wait out a pipeline thread's whole slice: that was most of the feed's
/// p99 (README, "Feed under load"). Pipeline threads take a long slice, so the kernel lets any
/// woken thread with a shorter one in at once; the feed's event loops take the shortest. A slice
/// changes when a thread runs, not how much: CPU shares stay as they are.
public enum ThreadSlice: Sendable {
    /// For threads that wake often for a little work and should run at once: the kernel's shortest.
    case latencySensitive
    /// For threads that crunch frames: long, so that short jobs get in between.
    case throughput
    /// The kernel's default.
    case standard

    /// The slice in nanoseconds (0 for the default).
    public var nanoseconds: UInt64 {
        switch self {
        case .latencySensitive: 100_000
        case .throughput: 20_000_000
        case .standard: 0
        }
    }

    /// Asks for this slice for the calling thread and the threads it creates from now on.
    ///
    /// - Returns: nil, or the `errno` the kernel refused it with (a real-time thread, say).
    @discardableResult
    public func apply() -> Int32? {
        let status = scs_set_thread_slice(nanoseconds)
        return status == 0 ? nil : status
    }

    /// The calling thread's slice in nanoseconds as the kernel reports it: 0 for the default or
    /// where the kernel reports none, nil when it cannot be read.
    public static func current() -> UInt64? {
        let slice = scs_thread_slice()
        return slice < 0 ? nil : UInt64(slice)
    }
}
