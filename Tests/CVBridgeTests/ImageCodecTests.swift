import CVBridge
import Foundation
import PixelCore
import Testing
import TestSupport

@Suite("Image codec: libjpeg-turbo decode, scaled decode, OpenCV encode")
struct ImageCodecTests {
    /// A 1920x1080 BGR test image with gradients and edges, encoded as JPEG.
    func testJPEG(quality: Int = 92) throws -> (PixelBuffer, [UInt8]) {
        let image = PixelBuffer(width: 1920, height: 1080, channels: 3)
        for y in 0..<1080 {
            let row = image.data.assumingMemoryBound(to: UInt8.self) + y * image.stride
            for x in 0..<1920 {
                row[x * 3] = UInt8((x / 8) % 256)
                row[x * 3 + 1] = UInt8((y / 5) % 256)
                row[x * 3 + 2] = (x / 120 + y / 120) % 2 == 0 ? 40 : 210
            }
        }
        return (image, try ImageCodec().encode(image.view, as: .jpeg, quality: quality))
    }

    @Test("PNG round trip is exact")
    func pngRoundTrip() throws {
        let (image, _) = try testJPEG()
        let codec = try ImageCodec()
        let png = try codec.encode(image.view, as: .png)
        let decoded = PixelBuffer()
        let header = try codec.decode(png, format: .bgr, into: decoded)
        #expect(header.type == .png && header.fullWidth == 1920 && header.fullHeight == 1080)
        for y in stride(from: 0, to: 1080, by: 37) {
            for x in stride(from: 0, to: 1920 * 3, by: 41) { #expect(decoded.view.row(y)[x] == image.view.row(y)[x]) }
        }
    }

    @Test("scaled JPEG decode gives the libjpeg sizes and looks like full decode + INTER_AREA", arguments: [2, 4, 8])
    func scaledDecode(scale: Int) throws {
        let (_, jpeg) = try testJPEG()
        let codec = try ImageCodec()
        let full = PixelBuffer(), small = PixelBuffer(), reference = PixelBuffer()
        try codec.decode(jpeg, format: .bgr, into: full)
        let header = try codec.decode(jpeg, scale: scale, format: .bgr, into: small)
        #expect(header.width == 1920 / scale && header.height == 1080 / scale)
        #expect(header.fullWidth == 1920 && header.scaleDenominator == scale)
        reference.reshape(width: small.width, height: small.height, channels: 3)
        try OpenCVReference.resizeArea(full.view, into: reference)
        // The IDCT scales differently from an area average; on this image they agree closely.
        var total = 0
        for y in 0..<small.height { for x in 0..<(small.width * 3) { total += abs(Int(small.view.row(y)[x]) - Int(reference.view.row(y)[x])) } }
        let mean = Double(total) / Double(small.width * small.height * 3)
        #expect(mean < 3, "mean difference \(mean)")
    }

    @Test("grey JPEG decode is the luma plane: close to cvtColor of the colour decode")
    func greyDecode() throws {
        let (_, jpeg) = try testJPEG()
        let codec = try ImageCodec()
        let colour = PixelBuffer(), grey = PixelBuffer(), reference = PixelBuffer()
        try codec.decode(jpeg, format: .bgr, into: colour)
        try codec.decode(jpeg, format: .gray, into: grey)
        try OpenCVReference.bgrToGray(colour.view, into: reference)
        var total = 0
        for y in 0..<1080 { for x in 0..<1920 { total += abs(Int(grey.view[x, y]) - Int(reference.view[x, y])) } }
        #expect(Double(total) / Double(1920 * 1080) < 1.5)
    }

    @Test("a truncated JPEG is a decode error naming the damage, not a half-grey frame")
    func truncatedJPEG() throws {
        let (_, jpeg) = try testJPEG()
        let codec = try ImageCodec()
        let buffer = PixelBuffer()
        let error = #expect(throws: ShimError.self) { try codec.decode(Array(jpeg.prefix(jpeg.count / 2)), format: .bgr, into: buffer) }
        #expect(error?.kind == .decode)
        #expect(error?.message.contains("corrupt JPEG") == true, "\(error?.message ?? "")")
        // The codec is still usable afterwards.
        try codec.decode(jpeg, scale: 4, format: .gray, into: buffer)
        #expect(buffer.width == 480)
    }

    @Test("garbage bytes and empty input are decode errors")
    func garbage() throws {
        let codec = try ImageCodec()
        let buffer = PixelBuffer()
        var random = SeededRandom(seed: 1)
        let noise = (0..<5000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        #expect(throws: ShimError.self) { try codec.decode(noise, format: .bgr, into: buffer) }
        #expect(throws: ShimError.self) { try codec.decode([], format: .bgr, into: buffer) }
        #expect(throws: ShimError.self) { try codec.decode([0xFF, 0xD8, 0xFF, 0xE0, 0, 0], format: .bgr, into: buffer) }
    }

    @Test("real photos decode at every scale", .enabled(if: Fixtures.hasRealData))
    func realPhotos() throws {
        let codec = try ImageCodec()
        let buffer = PixelBuffer()
        for path in Fixtures.realImages {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            for scale in [1, 2, 4, 8] {
                let header = try codec.decode(bytes, scale: scale, format: .gray, into: buffer)
                #expect(buffer.width == header.width && header.width == (header.fullWidth + scale - 1) / scale, "\(path)")
            }
        }
    }
}

@Suite("Image codec: JPEGs in CMYK")
struct CMYKJPEGTests {
    /// `Tests/Fixtures/cmyk.jpg`: 96x64, left half red (220, 30, 30), right half blue (30, 40, 220),
    /// saved as a CMYK JPEG by PIL (`Image.new(...).convert("CMYK").save(path, quality=95)`).
    @Test("a CMYK JPEG decodes to its colours instead of being called corrupt")
    func cmyk() throws {
        let bytes = try [UInt8](Data(contentsOf: Fixtures.root.appendingPathComponent("Tests/Fixtures/cmyk.jpg")))
        let codec = try ImageCodec()
        let image = PixelBuffer()
        let header = try codec.decode(bytes, format: .bgr, into: image)
        #expect(header.fullWidth == 96 && header.fullHeight == 64)
        let row = image.view.row(32)
        let left = (b: Int(row[10 * 3]), g: Int(row[10 * 3 + 1]), r: Int(row[10 * 3 + 2]))
        let right = (b: Int(row[80 * 3]), g: Int(row[80 * 3 + 1]), r: Int(row[80 * 3 + 2]))
        #expect(left.r > 180 && left.g < 80 && left.b < 80, "left half \(left)")
        #expect(right.b > 180 && right.r < 80 && right.g < 80, "right half \(right)")
        let grey = PixelBuffer()
        _ = try codec.decode(bytes, format: .gray, into: grey)
        #expect(grey.width == 96 && grey.height == 64)
    }
}
