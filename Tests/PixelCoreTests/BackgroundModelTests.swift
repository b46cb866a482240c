import CVBridge
import PixelCore
import Testing
import TestSupport

@Suite("Running-average background against OpenCV")
struct BackgroundModelTests {
    /// Working images of consecutive frames of a clip.
    func workImages(_ clip: String, count: Int) throws -> [PixelBuffer] {
        try RealFrames.sequence(clip, count: count).map { frame in
            let downscaler = Downscaler(inputWidth: frame.width, inputHeight: frame.height, channels: 3, factor: 4)
            let work = PixelBuffer()
            downscaler.run(frame.view, into: work)
            return work
        }
    }

    // Tolerance: OpenCV may fuse the multiply-add (FMA) where we do not, so the averages may
    // differ in the last bits; after rounding, a mask pixel on the threshold may flip. We allow
    // 1 in 10,000 mask pixels and 1e-3 in the average.
    @Test("difference, threshold and accumulateWeighted agree with OpenCV over 60 frames",
          arguments: [0.05, 0.2])
    func matchesOpenCV(rate: Double) throws {
        for clip in [Fixtures.sampleClip] + Fixtures.realVideos.prefix(1) {
            let frames = try workImages(clip, count: 60)
            let first = try #require(frames.first)
            let model = BackgroundModel(width: first.width, height: first.height)
            model.reset(to: first.view)
            let reference = FloatImage(width: first.width, height: first.height)
            for y in 0..<first.height {
                for x in 0..<first.width { reference.values[y * first.width + x] = Float(first.view[x, y]) }
            }
            let ours = PixelBuffer(), theirs = PixelBuffer()
            var differing = 0, total = 0, changed = 0
            for frame in frames.dropFirst() {
                try OpenCVReference.diffThreshold(frame.view, average: reference, threshold: 25, into: theirs)
                try OpenCVReference.accumulateWeighted(frame.view, into: reference, alpha: rate)
                changed += model.compare(frame.view, threshold: 25, rate: Float(rate), into: ours)
                differing += ImageDifference(ours.view, theirs.view).differing
                total += frame.width * frame.height
            }
            var worst: Float = 0
            for y in 0..<first.height {
                for x in 0..<first.width { worst = max(worst, abs(model.value(x: x, y: y) - reference[x, y])) }
            }
            #expect(changed > 0, "the clip has motion, so some pixels must change")
            #expect(Double(differing) / Double(total) < 1e-4, "\(clip): \(differing) of \(total) mask pixels differ")
            #expect(worst < 1e-3, "\(clip): average differs by \(worst)")
        }
    }

    @Test("the tracked mean follows the average without a second pass")
    func meanIsTracked() {
        let a = PixelBuffer(width: 64, height: 32, channels: 1), b = PixelBuffer(width: 64, height: 32, channels: 1)
        a.fill(100)
        b.fill(200)
        let model = BackgroundModel(width: 64, height: 32)
        model.reset(to: a.view)
        let mask = PixelBuffer()
        for _ in 0..<10 { model.compare(b.view, threshold: 25, rate: 0.1, into: mask) }
        let expected = 200 - 100 * 0.9.power(10)
        #expect(abs(model.mean - expected) < 0.01)
        #expect(abs(Double(model.value(x: 5, y: 5)) - expected) < 0.01)
    }

    @Test("a gain scales the frame before the difference")
    func gainCompensates() {
        let background = PixelBuffer(width: 32, height: 8, channels: 1), darker = PixelBuffer(width: 32, height: 8, channels: 1)
        background.fill(200)
        darker.fill(140)
        let model = BackgroundModel(width: 32, height: 8)
        model.reset(to: background.view)
        let mask = PixelBuffer()
        #expect(model.compare(darker.view, threshold: 25, rate: 0.0001, gain: 1, into: mask) == 32 * 8)
        #expect(model.compare(darker.view, threshold: 25, rate: 0.0001, gain: 200.0 / 140.0, into: mask) == 0)
    }
}

extension Double {
    func power(_ n: Int) -> Double { (0..<n).reduce(1) { value, _ in value * self } }
}
