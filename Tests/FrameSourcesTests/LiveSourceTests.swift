import Foundation
import FrameSources
import PixelCore
import Synchronization
import Testing

/// Set once, read from any thread.
private final class Flag: Sendable {
    private let value = Atomic(false)
    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}

/// A reader of small synthetic frames (`limit` of them, or endless) that notes when it is freed.
private final class CountingReader: FrameReader, @unchecked Sendable {
    // @unchecked: `read` runs on the live source's one reader thread only.
    let limit: Int
    let freed: Flag
    private var index = 0

    init(limit: Int, freed: Flag) {
        self.limit = limit
        self.freed = freed
    }

    deinit { freed.set() }

    var name: String { "counting" }
    var counters: SourceCounters { SourceCounters() }
    var isLive: Bool { true }

    func read(into buffer: PixelBuffer) throws(FrameSourceError) -> FrameInfo? {
        guard index < limit else { return nil }
        Thread.sleep(forTimeInterval: 0.002)  // a camera does not deliver faster than this
        buffer.reshape(width: 8, height: 8, channels: 3)
        defer { index += 1 }
        return FrameInfo(index: index, mediaTime: Double(index) / 25, captureTime: Date(), frameWidth: 8, frameHeight: 8)
    }
}

/// Waits (up to 10 s) for the reader's thread to let go of the reader.
private func waitFreed(_ freed: Flag) -> Bool {
    for _ in 0..<1000 {
        if freed.isSet { return true }
        Thread.sleep(forTimeInterval: 0.01)
    }
    return false
}

@Suite("Live sources")
struct LiveSourceTests {
    // A camera that drops and comes back gets a new live source each time: one that is never
    // freed keeps its decoder and three frame buffers (about 7 MiB at 720p) for good.
    @Test("a live source read to its end and closed is freed with its reader")
    func freedAfterEnd() throws {
        let freed = Flag()
        do {
            let source = LiveSource(reader: CountingReader(limit: 5, freed: freed))
            #expect(try drain(source).count >= 1)
            source.close()
        }
        #expect(waitFreed(freed), "the reader (and its buffers) stayed alive after the source was dropped")
    }

    @Test("a live source dropped without close stops its thread and frees its reader")
    func freedWhenDropped() throws {
        let freed = Flag()
        do {
            let source = LiveSource(reader: CountingReader(limit: .max, freed: freed))
            #expect(try drain(source, limit: 3).count == 3)
        }
        #expect(waitFreed(freed), "the reader thread kept running after the source was dropped")
    }
}
