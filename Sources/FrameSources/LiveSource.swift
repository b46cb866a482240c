import CVBridge
import Foundation
import PixelCore

/// Reads a live reader (camera, stream) on its own thread and keeps only the newest frame.
///
/// Three buffers rotate: the reader fills one, one holds the newest finished frame, and the
/// pipeline works on the third. When the reader finishes a frame before the pipeline has taken
/// the previous one, the previous one is dropped and counted. No frame is copied.
public final class LiveSource: FrameSource, Sendable {
    // The reader thread holds only `shared`, never the source: a source that its user drops
    // stops its thread in `deinit`, and one that is closed frees its reader and buffers when the
    // thread ends (a thread that held the source would keep both alive for good).
    private let shared: LiveReading

    /// Starts reading `reader` at once on a thread of its own.
    public init(reader: FrameReader) {
        let shared = LiveReading(reader: reader)
        self.shared = shared
        let thread = Thread { shared.readLoop() }
        thread.name = "portsight.reader"
        thread.start()
    }

    deinit { close() }

    public var name: String { shared.reader.name }

    public var counters: SourceCounters { shared.counters }

    public func next() throws(FrameSourceError) -> Frame? { try shared.next() }

    public func close() { shared.close() }

    public func clip(from: Double, through: Double) -> VideoClip? { shared.reader.clip(from: from, through: through) }
}

/// The state that a live source and its reader thread share.
private final class LiveReading: @unchecked Sendable {
    // @unchecked: every mutable field below is guarded by `condition`; the reader runs on one thread.
    let reader: FrameReader
    private let condition = NSCondition()
    private var free: [PixelBuffer]
    private var ready: (buffer: PixelBuffer, info: FrameInfo)?
    private var held: PixelBuffer?
    private var failure: FrameSourceError?
    private var ended = false
    private var stopping = false
    private var dropped = 0
    private var readerCounters = SourceCounters()

    init(reader: FrameReader) {
        self.reader = reader
        free = [PixelBuffer(), PixelBuffer(), PixelBuffer()]
    }

    var counters: SourceCounters {
        condition.lock()
        defer { condition.unlock() }
        var counters = readerCounters
        counters.dropped = dropped
        return counters
    }

    func next() throws(FrameSourceError) -> Frame? {
        condition.lock()
        defer { condition.unlock() }
        if let held {
            free.append(held)
            self.held = nil
        }
        while ready == nil && failure == nil && !ended && !stopping { condition.wait() }
        if let (buffer, info) = ready {
            ready = nil
            held = buffer
            condition.signal()
            return Frame(info: info, buffer: buffer)
        }
        if let failure { throw failure }
        return nil
    }

    func close() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    func readLoop() {
        while true {
            condition.lock()
            // The reader only ever waits here when the pipeline holds one buffer and another is ready.
            while free.isEmpty && !stopping { condition.wait() }
            if stopping {
                condition.unlock()
                return
            }
            let buffer = free.removeLast()
            condition.unlock()

            let result: Result<FrameInfo?, FrameSourceError>
            do {
                result = .success(try reader.read(into: buffer))
            } catch {
                result = .failure(error)
            }

            condition.lock()
            readerCounters = reader.counters
            switch result {
            case let .success(info?):
                if let previous = ready {
                    free.append(previous.buffer)
                    dropped += 1
                }
                ready = (buffer, info)
            case .success(nil):
                free.append(buffer)
                ended = true
            case let .failure(error):
                free.append(buffer)
                failure = error
            }
            let done = ended || failure != nil
            condition.broadcast()
            condition.unlock()
            if done { return }
        }
    }
}
