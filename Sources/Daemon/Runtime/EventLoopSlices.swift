import Logging
import NIOCore
import NIOPosix

/// Gives NIO's shared event-loop threads, which the feed answers on, the kernel's shortest slice
/// (`ThreadSlice`): they then get a core within a fraction of a millisecond of a request coming,
/// even while the pipelines keep both busy. Camera threads take their long slice themselves.
func shortenEventLoopSlices(logger: Logger) async {
    let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator())
    var granted = 0
    for loop in loops {
        let slice = try? await loop.submit { () -> UInt64? in
            ThreadSlice.latencySensitive.apply()
            return ThreadSlice.current()
        }.get()
        if slice == ThreadSlice.latencySensitive.nanoseconds { granted += 1 }
    }
    if granted == loops.count {
        logger.debug("event loops run in short slices", metadata: ["loops": "\(loops.count)"])
    } else {
        // Linux before 6.12 has no per-thread slices: everything works, with a longer tail under load.
        logger.info("the kernel did not take thread slices (it needs Linux 6.12 or later); the feed's latency under load will have a longer tail",
                      metadata: ["granted": "\(granted)", "loops": "\(loops.count)"])
    }
}
