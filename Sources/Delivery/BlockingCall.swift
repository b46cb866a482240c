import Foundation

/// Runs a blocking C call on a thread of its own and waits for it without holding one of Swift's
/// cooperative threads: libmosquitto's connect (which resolves the host), its disconnect with a
/// flush, and the join of its network thread can each take seconds, and on a 2-core box the
/// cooperative pool has two threads.
enum BlockingCall {
    /// `body`'s result, computed on a new thread named `name`.
    static func run<T: Sendable, E: Error>(_ name: String, _ body: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            let thread = Thread {
                do throws(E) {
                    continuation.resume(returning: .success(try body()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            thread.name = name
            thread.start()
        }
        return try result.get()
    }
}
