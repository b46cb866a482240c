import Daemon
import Foundation
import Synchronization
import Testing

/// The kernel's per-thread slices, asked for on threads of the test's own (never the test pool's).
@Suite struct ThreadSliceTests {
    /// Runs `body` on a new thread and returns what it returned.
    static func onNewThread<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        let result = Mutex<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread {
            let value = body()
            result.withLock { $0 = value }
            done.signal()
        }.start()
        done.wait()
        return result.withLock { $0! }
    }

    /// Linux 6.12 and later report the slice asked for; earlier ones take it and report 0.
    static let kernelHasSlices = onNewThread {
        ThreadSlice.throughput.apply() == nil && ThreadSlice.current() == ThreadSlice.throughput.nanoseconds
    }

    @Test func askingNeedsNoPrivilegeAndAlwaysSucceedsOnANormalThread() {
        let refusals = Self.onNewThread { [ThreadSlice.latencySensitive, .throughput, .standard].compactMap { $0.apply() } }
        #expect(refusals.isEmpty)
    }

    @Test(.enabled(if: kernelHasSlices, "the kernel has no per-thread slices (Linux 6.12 or later)"))
    func theSliceHoldsAndThreadsStartedAfterInheritIt() {
        let seen = Self.onNewThread { () -> [UInt64?] in
            ThreadSlice.latencySensitive.apply()
            let own = ThreadSlice.current()
            let child = Self.onNewThread { ThreadSlice.current() }
            ThreadSlice.standard.apply()
            return [own, child, ThreadSlice.current()]
        }
        #expect(seen[0] == 100_000)
        #expect(seen[1] == 100_000, "a camera's reader and OpenCV threads take the camera thread's slice")
        // Back to the default, which the kernel reports as its base slice (not 0).
        #expect(seen[2] != 100_000)
    }
}
