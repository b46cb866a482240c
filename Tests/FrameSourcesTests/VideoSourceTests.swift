import Foundation
import FrameSources
import PixelCore
import Testing
import TestSupport
import Timing

@Suite("Video files")
struct VideoSourceTests {
    @Test("the sample clip gives 300 frames, indexed from 0, 40 ms apart in media time")
    func sampleClip() throws {
        let source = try openSource(Fixtures.sampleClip, options: SourceOptions(), logger: testLogger)
        let frames = try drain(source) { frame in
            #expect(frame.image.width == 1280 && frame.image.height == 720 && frame.image.channels == 3)
        }
        #expect(frames.count == 300)
        #expect(frames.map(\.index) == Array(0..<300))
        for (a, b) in zip(frames, frames.dropFirst()) { #expect(abs((b.mediaTime - a.mediaTime) - 0.04) < 0.002) }
        #expect(source.counters.frames == 300 && !source.counters.truncated)
    }

    @Test("a missing file is an error naming the path")
    func missingFile() {
        let error = #expect(throws: FrameSourceError.self) { _ = try openSource("/no/such/clip.mp4", options: SourceOptions(), logger: testLogger) }
        #expect(error == .notFound("/no/such/clip.mp4"))
        #expect(error?.description.contains("/no/such/clip.mp4") == true)
    }

    @Test("a file that is not a video cannot be opened, and says why")
    func notAVideo() throws {
        let folder = try Fixtures.temporaryFolder()
        let path = folder.appendingPathComponent("notes.mp4").path
        try Data("this is not a video".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: FrameSourceError.self) { _ = try openSource(path, options: SourceOptions(), logger: testLogger) }
        guard case let .cannotOpen(name, reason)? = error else {
            Issue.record("expected cannotOpen, got \(String(describing: error))")
            return
        }
        #expect(name == path && reason.contains("FFmpeg"))
    }

    @Test("a truncated video ends early, is flagged as truncated, and every frame before the cut is kept")
    func truncatedVideo() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Fixtures.sampleClip))
        let path = try Fixtures.temporaryFolder().appendingPathComponent("cut.mp4").path
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        let source = try openSource(path, options: SourceOptions(), logger: testLogger)
        let frames = try drain(source)
        #expect(frames.count > 10 && frames.count < 300, "\(frames.count) frames")
        #expect(source.counters.truncated)
        #expect(source.counters.expected == 300)
    }

    @Test("a video damaged in the middle is read to its end, counts what it lost, and is not called truncated")
    func damagedMiddle() throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: Fixtures.sampleClip))
        let middle = bytes.count / 2
        for index in middle..<(middle + 200_000) { bytes[index] = bytes[index] &* 7 &+ 13 }
        let path = try Fixtures.temporaryFolder().appendingPathComponent("damaged.mp4").path
        try bytes.write(to: URL(fileURLWithPath: path))
        let source = try openSource(path, options: SourceOptions(), logger: testLogger)
        let frames = try drain(source)
        #expect(frames.count > 200 && frames.count < 300, "\(frames.count) frames")
        #expect((frames.last?.mediaTime ?? 0) > 11.9, "read to the end")
        #expect(source.counters.corrupt > 0)
        #expect(!source.counters.truncated)
    }

    @Test("realtime pacing holds frames back to their media time")
    func realtime() throws {
        var options = SourceOptions()
        options.realtime = true
        let source = try openSource(Fixtures.sampleClip, options: options, logger: testLogger)
        let clock = ContinuousClock()
        let start = clock.now
        let frames = try drain(source, limit: 13)
        let elapsed = (clock.now - start).inSeconds
        // 12 intervals of 40 ms: at least 0.48 s must pass (a lower bound only; no upper bound on a shared machine).
        #expect(frames.count == 13 && elapsed >= 0.47, "\(elapsed) s")
    }
}

@Suite("Grey video decode")
struct GreyVideoTests {
    @Test("grey frames come from the luma plane, flagged as video range, and match the BGR frames' grey")
    func greyMatchesColour() throws {
        var grey = SourceOptions()
        grey.request = FrameRequest(format: .gray, workHeight: 270)
        let greySource = try openSource(Fixtures.sampleClip, options: grey, logger: testLogger)
        let colourSource = try openSource(Fixtures.sampleClip, options: SourceOptions(), logger: testLogger)
        var compared = 0
        while compared < 5, let g = try greySource.next(), let c = try colourSource.next() {
            #expect(g.image.channels == 1 && g.info.lumaRange == .video)
            #expect(c.image.channels == 3 && g.info.mediaTime == c.info.mediaTime)
            let fromGrey = try MotionDetector(settings: MotionSettings(), frameWidth: 1280, frameHeight: 720, inputWidth: 1280,
                                              inputHeight: 720, channels: 1, inputRange: .video)
            let fromColour = try MotionDetector(settings: MotionSettings(), frameWidth: 1280, frameHeight: 720, inputWidth: 1280,
                                                inputHeight: 720, channels: 3)
            _ = fromGrey.process(g.image)
            _ = fromColour.process(c.image)
            var total = 0
            let a = fromGrey.workImage, b = fromColour.workImage
            for y in 0..<a.height { for x in 0..<a.width { total += abs(Int(a[x, y]) - Int(b[x, y])) } }
            let mean = Double(total) / Double(a.width * a.height)
            // Luma is a little different from BGR-to-grey (the colour matrix, chroma subsampling): a grey level or two.
            #expect(mean < 2.5, "mean difference \(mean)")
            compared += 1
        }
        #expect(compared == 5)
    }
}
