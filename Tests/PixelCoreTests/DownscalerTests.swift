import CVBridge
import PixelCore
import Testing
import TestSupport

@Suite("Fused grey downscale against OpenCV")
struct DownscalerTests {
    // Tolerance: OpenCV rounds twice (after cvtColor, after resize), the fused pass once, so a
    // pixel may differ by 1 grey level (measured: up to 3 in 10 pixels do), never by more.
    @Test("BGR frames, every factor from 1 to 6, within 1 grey level of cvtColor + resize(INTER_AREA)")
    func colourMatchesOpenCV() throws {
        for (label, frame) in try RealFrames.load(framesPerClip: 1) {
            for factor in 1...6 {
                let downscaler = Downscaler(inputWidth: frame.width, inputHeight: frame.height, channels: 3, factor: factor)
                let ours = PixelBuffer(), theirs = PixelBuffer()
                downscaler.run(frame.view, into: ours)
                // OpenCV's INTER_AREA on an exact multiple averages the same blocks: crop to that multiple.
                let cropped = ImageView(data: frame.view.data, width: ours.width * factor, height: ours.height * factor,
                                        channels: 3, stride: frame.stride)
                theirs.reshape(width: ours.width, height: ours.height, channels: 1)
                try OpenCVReference.grayResizeArea(cropped, into: theirs)
                let difference = ImageDifference(ours.view, theirs.view)
                #expect(difference.maximum <= 1, "\(label) factor \(factor): max difference \(difference.maximum)")
                #expect(difference.mean < 0.35, "\(label) factor \(factor): mean difference \(difference.mean)")
            }
        }
    }

    @Test("grey frames within 1 grey level of resize(INTER_AREA)")
    func greyMatchesOpenCV() throws {
        for (label, frame) in try RealFrames.load(framesPerClip: 1) {
            let grey = PixelBuffer()
            try OpenCVReference.bgrToGray(frame.view, into: grey)
            for factor in [1, 2, 3, 4, 8] {
                let downscaler = Downscaler(inputWidth: grey.width, inputHeight: grey.height, channels: 1, factor: factor)
                let ours = PixelBuffer(), theirs = PixelBuffer()
                downscaler.run(grey.view, into: ours)
                let cropped = ImageView(data: grey.view.data, width: ours.width * factor, height: ours.height * factor,
                                        channels: 1, stride: grey.stride)
                theirs.reshape(width: ours.width, height: ours.height, channels: 1)
                try OpenCVReference.resizeArea(cropped, into: theirs)
                let difference = ImageDifference(ours.view, theirs.view)
                #expect(difference.maximum <= 1, "\(label) factor \(factor): max difference \(difference.maximum)")
            }
        }
    }

    @Test("returns the sum of the pixels it wrote")
    func returnsSum() throws {
        let frame = try #require(try RealFrames.load(framesPerClip: 1).first).buffer
        let downscaler = Downscaler(inputWidth: frame.width, inputHeight: frame.height, channels: 3, factor: 4)
        let output = PixelBuffer()
        let sum = downscaler.run(frame.view, into: output)
        #expect(sum == output.view.sum)
        #expect(sum > 0)
    }

    @Test("odd sizes: the output drops the partial block at the right and bottom edges")
    func oddSizes() {
        let input = PixelBuffer(width: 1283, height: 725, channels: 3)
        input.fill(200)
        let downscaler = Downscaler(inputWidth: 1283, inputHeight: 725, channels: 3, factor: 4)
        let output = PixelBuffer()
        downscaler.run(input.view, into: output)
        #expect(output.width == 320 && output.height == 181)
        #expect(output.view[0, 0] == 200 && output.view[319, 180] == 200)
    }
}

@Suite("Video-range luma")
struct LumaRangeTests {
    @Test("grey input in video range (16-235) comes out stretched to 0-255")
    func stretches() {
        let input = PixelBuffer(width: 64, height: 8, channels: 1)
        for y in 0..<8 {
            let row = input.data.assumingMemoryBound(to: UInt8.self) + y * input.stride
            for x in 0..<64 { row[x] = x < 16 ? 16 : x < 32 ? 235 : x < 48 ? 126 : 5 }
        }
        let downscaler = Downscaler(inputWidth: 64, inputHeight: 8, channels: 1, factor: 4, inputRange: .video)
        let output = PixelBuffer()
        downscaler.run(input.view, into: output)
        #expect(output.view[0, 0] == 0)
        #expect(output.view[4, 0] == 255)
        #expect(output.view[8, 0] == 128)  // (126 - 16) x 255 / 219 = 128.1
        #expect(output.view[12, 0] == 0, "below 16 clamps to 0")
    }
}
