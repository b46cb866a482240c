import CVBridge
import Foundation
import PixelCore
import Testing
import TestSupport

@Suite("portsight replay --annotate")
struct ReplayAnnotateCommandTests {
    @Test("writes every replayed frame, drawn on, as an H.264 MP4 that decodes again at the footage's size")
    func writesFootage() throws {
        let out = try Fixtures.temporaryFolder().appendingPathComponent("annotated.mp4")
        let result = try runPortsight(["replay", "samples/gate.mp4", "--config", "samples/portsight.yml", "--detect", "regions",
                                       "--max-frames", "60", "--no-plates", "--no-codes", "--annotate", out.path])
        #expect(result.status == 0, "\(result.errors)")
        let decoder = try VideoDecoder(uri: out.path)
        let buffer = PixelBuffer()
        var frames = 0
        while try decoder.read(into: buffer, channels: 3) != nil { frames += 1 }
        #expect(frames == 60)
        #expect(buffer.width == 1280 && buffer.height == 720)
        #expect(decoder.info.fps == 25)
    }

    @Test("needs the scene it draws: without --config it is refused, saying so")
    func needsConfig() throws {
        let result = try runPortsight(["replay", "samples/gate.mp4", "--annotate", "/tmp/never.mp4"])
        #expect(result.status != 0)
        #expect(result.errors.contains("--annotate need --config"))
    }
}
