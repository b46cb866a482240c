import CVBridge
import Foundation
import PixelCore
import Testing
import TestSupport

/// Clips cut from the packets a decoder keeps: the stream's own encoding in an MP4, no re-encoding.
@Suite("Video clips from kept packets")
struct VideoClipTests {
    /// Decodes `count` frames of the sample.
    func decoded(_ count: Int, keeping seconds: Int) throws -> VideoDecoder {
        let decoder = try VideoDecoder(uri: Fixtures.sampleClip, clipSeconds: seconds)
        let buffer = PixelBuffer()
        for _ in 0..<count { _ = try decoder.read(into: buffer, channels: 1) }
        return decoder
    }

    /// The frames an MP4 holds, decoded back.
    func frames(of clip: VideoClip) throws -> Int {
        let file = try Fixtures.temporaryFolder("clips").appendingPathComponent("clip.mp4")
        try clip.mp4.write(to: file)
        let decoder = try VideoDecoder(uri: file.path)
        let buffer = PixelBuffer()
        var count = 0
        while try decoder.read(into: buffer, channels: 1) != nil { count += 1 }
        #expect(buffer.width == 1280 && buffer.height == 720)
        return count
    }

    @Test("a clip starts at the key frame before its start and runs through its end; it decodes again")
    func clipDecodes() throws {
        let decoder = try decoded(200, keeping: 60)
        let clip = try decoder.clip(from: 2, through: 6)
        // An MP4: its first box is `ftyp`.
        #expect(clip.mp4.count > 1000 && String(decoding: clip.mp4[4..<8], as: UTF8.self) == "ftyp")
        // The sample's key frames are at 0 s and 9.96 s: the clip starts at 0 and holds every frame
        // shown up to 6 s (cut by decoding time, so a frame or two past it as well).
        #expect(clip.firstSecond == 0)
        #expect((6...6.2).contains(clip.lastSecond))
        let count = try frames(of: clip)
        #expect((151...156).contains(count), "\(count) frames")
    }

    @Test("only the last seconds are kept, from a key frame; without keeping, a clip is an error that says so")
    func keepsLastSeconds() throws {
        let decoder = try decoded(300, keeping: 2)
        // The group of pictures from 0 s was let go once the one at 9.96 s was 2 s old.
        let clip = try decoder.clip(from: 0, through: 12)
        #expect(abs(clip.firstSecond - 9.96) < 0.01)
        let none = try decoded(10, keeping: 0)
        let error = #expect(throws: ShimError.self) { try none.clip(from: 0, through: 1) }
        #expect(error?.message.contains("no packets kept") == true)
    }
}
