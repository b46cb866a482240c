import CVBridge
import PixelCore
import Testing
import TestSupport

@Suite("Run-based dilated components against OpenCV dilate + connectedComponentsWithStats")
struct ConnectedComponentsTests {
    /// OpenCV's boxes for `mask` dilated `radius` times with a 3x3 kernel.
    func openCVBoxes(_ mask: PixelBuffer, radius: Int) throws -> Set<Rect> {
        let dilated = PixelBuffer()
        if radius > 0 {
            try OpenCVReference.dilate(mask.view, iterations: radius, into: dilated)
        } else {
            dilated.copy(from: mask.view)
        }
        return Set(try OpenCVReference.connectedComponents(dilated.view).map(\.box))
    }

    func check(_ mask: PixelBuffer, label: String) throws {
        var setPixels = 0
        for y in 0..<mask.height { for x in 0..<mask.width where mask.view[x, y] != 0 { setPixels += 1 } }
        for radius in 0...3 {
            var components = ConnectedComponents(radius: radius)
            components.run(mask.view)
            let ours = components.components
            #expect(Set(ours.map(\.box)) == (try openCVBoxes(mask, radius: radius)), "\(label) radius \(radius)")
            #expect(ours.map(\.area).reduce(0, +) == setPixels, "\(label) radius \(radius): every set pixel counted once")
            if radius == 0 {
                let reference = try OpenCVReference.connectedComponents(mask.view)
                #expect(Set(ours.map { "\($0.box)\($0.area)" }) == Set(reference.map { "\($0.box)\($0.area)" }))
            }
        }
    }

    @Test("random masks of several densities")
    func randomMasks() throws {
        var random = SeededRandom(seed: 42)
        for density in [0.001, 0.01, 0.05, 0.2, 0.5] {
            let mask = PixelBuffer(width: 173, height: 91, channels: 1)
            for y in 0..<91 {
                let row = mask.data.assumingMemoryBound(to: UInt8.self) + y * mask.stride
                for x in 0..<173 { row[x] = Double.random(in: 0..<1, using: &random) < density ? 255 : 0 }
            }
            try check(mask, label: "density \(density)")
        }
    }

    @Test("masks from real frame differences")
    func realMasks() throws {
        let frames = try RealFrames.sequence(Fixtures.realVideos.first ?? Fixtures.sampleClip, count: 40)
        let downscaler = Downscaler(inputWidth: frames[0].width, inputHeight: frames[0].height, channels: 3, factor: 3)
        let model = BackgroundModel(width: downscaler.outputWidth, height: downscaler.outputHeight)
        let work = PixelBuffer(), mask = PixelBuffer()
        for (index, frame) in frames.enumerated() {
            downscaler.run(frame.view, into: work)
            if index == 0 {
                model.reset(to: work.view)
                continue
            }
            model.compare(work.view, threshold: 25, rate: 0.05, into: mask)
            if index % 10 == 0 { try check(mask, label: "frame \(index)") }
        }
    }

    @Test("shapes at the edges and corners, and an empty mask")
    func edges() throws {
        let mask = PixelBuffer(width: 40, height: 20, channels: 1)
        mask.fill(0)
        var components = ConnectedComponents(radius: 1)
        components.run(mask.view)
        #expect(components.components.isEmpty)
        let row = { (y: Int) in mask.data.assumingMemoryBound(to: UInt8.self) + y * mask.stride }
        row(0)[0] = 255
        row(19)[39] = 255
        row(10)[20] = 255
        row(12)[22] = 255  // 2 apart diagonally: joined by a radius-1 dilation, not without
        for x in 30..<40 { row(5)[x] = 255 }
        try check(mask, label: "edges")
    }
}
