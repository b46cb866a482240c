import AllocationCounter
import PixelCore
import Testing
import TestSupport

@Suite("The hot path allocates nothing per frame", .enabled(if: allocation_counter_available() == 1, "a sanitizer build owns malloc"))
struct AllocationTests {
    @Test("MotionDetector.process makes no heap allocation after the first frames")
    func noAllocations() throws {
        let frames = try RealFrames.sequence(Fixtures.sampleClip, count: 130).suffix(40)  // the truck is moving here
        let first = try #require(frames.first)
        let detector = try MotionDetector(settings: MotionSettings(), frameWidth: first.width, frameHeight: first.height,
                                          inputWidth: first.width, inputHeight: first.height, channels: 3)
        let views = frames.map(\.view)
        var regions = 0
        var allocations: Int64 = 0
        // The first 10 frames warm up: buffers and region arrays reach their working sizes. Only the
        // call itself is counted: the test's own unoptimised loop allocates.
        for index in 0..<views.count {
            allocation_counter_start()
            let result = detector.process(views[index])
            let made = allocation_counter_stop()
            if index >= 10 {
                allocations += made
                regions += result.regions.count
            }
        }
        #expect(regions > 0, "the frames must have motion, or the test proves little")
        #expect(allocations == 0, "\(allocations) allocations in 30 frames")
    }

    @Test("the counter does count allocations")
    func counterCounts() {
        allocation_counter_start()
        let buffer = PixelBuffer(width: 64, height: 64, channels: 3)
        let allocations = allocation_counter_stop()
        #expect(buffer.width == 64)
        #expect(allocations >= 2, "the class instance and its pixels")
    }
}
