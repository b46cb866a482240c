import CVBridge
import PixelCore
import Testing
import TestSupport

@Suite("Shim boundaries: exceptions become errors, buffers are reused")
struct ShimTests {
    @Test("an OpenCV exception comes back as an error with OpenCV's message")
    func exceptionBecomesError() {
        let a = PixelBuffer(width: 10, height: 10, channels: 1), out = PixelBuffer()
        let average = FloatImage(width: 20, height: 10)  // sizes differ: absdiff throws cv::Exception
        let error = #expect(throws: ShimError.self) { try OpenCVReference.diffThreshold(a.view, average: average, threshold: 5, into: out) }
        #expect(error?.kind == .openCV)
        #expect(error?.message.contains("OpenCV") == true)
    }

    @Test("a bad argument is refused before OpenCV sees it")
    func badArgument() {
        let colour = PixelBuffer(width: 10, height: 10, channels: 3), grey = PixelBuffer(width: 10, height: 10, channels: 1)
        let error = #expect(throws: ShimError.self) { try OpenCVReference.resizeArea(colour.view, into: grey) }
        #expect(error?.kind == .argument)
    }

    @Test("a missing video cannot be opened, and says which")
    func missingVideo() {
        let error = #expect(throws: ShimError.self) { _ = try VideoCapture(uri: "/nonexistent/clip.mp4", kind: .file) }
        #expect(error?.kind == .open)
        #expect(error?.message.contains("/nonexistent/clip.mp4") == true)
    }

    @Test("video frames are decoded into the same buffer every time")
    func reusesBuffer() throws {
        let capture = try VideoCapture(uri: Fixtures.sampleClip, kind: .file)
        #expect(capture.info.width == 1280 && capture.info.height == 720)
        #expect(capture.info.frameCount == 300)
        let buffer = PixelBuffer()
        _ = try capture.read(into: buffer)
        let pointer = buffer.data
        var positions: [Double] = []
        for _ in 0..<10 {
            let position = try #require(try capture.read(into: buffer))
            positions.append(position.milliseconds ?? -1)
            #expect(buffer.data == pointer)
        }
        #expect(positions == positions.sorted() && positions.first! > 0)
    }

    @Test("OpenCV's version is 4.x")
    func version() {
        #expect(openCVVersion.hasPrefix("4."))
    }
}

@Suite("Annotation")
struct AnnotationTests {
    @Test("a drawn box colours its outline and its label strip, and leaves the inside alone")
    func drawsBox() throws {
        let image = PixelBuffer(width: 640, height: 360, channels: 3)
        image.fill(100)
        try TextGeometry.draw(Rect(x: 100, y: 100, width: 200, height: 80), label: "PSGU 418273 5", colour: (0, 200, 0), on: image)
        #expect(image.view[100, 140, 1] == 200 && image.view[100, 140, 0] == 0, "left edge is green")
        #expect(image.view[200, 140, 1] == 100, "inside untouched")
        var strip = 0
        for x in 100..<300 where image.view[x, 90, 1] == 200 || image.view[x, 90, 1] == 0 { strip += 1 }
        #expect(strip > 100, "label strip above the box")
        #expect(throws: ShimError.self) {
            try TextGeometry.draw(Rect(x: 0, y: 0, width: 5, height: 5), label: "", colour: (0, 0, 0),
                                  on: PixelBuffer(width: 10, height: 10, channels: 1))
        }
    }
}
