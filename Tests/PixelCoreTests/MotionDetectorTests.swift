import PixelCore
import Testing
import TestSupport

@Suite("Motion detector on synthetic scenes")
struct MotionDetectorTests {
    /// A noisy 1280x720 BGR scene with an optional bright square, scaled by `gain`.
    func scene(square: Rect?, gain: Double = 1, random: inout SeededRandom, into buffer: PixelBuffer) {
        buffer.reshape(width: 1280, height: 720, channels: 3)
        for y in 0..<720 {
            let row = buffer.data.assumingMemoryBound(to: UInt8.self) + y * buffer.stride
            for x in 0..<1280 {
                var value = Double(60 + (x / 40 + y / 40) % 2 * 60)  // a checkerboard of 40 px tiles
                if let square, x >= square.x, x < square.maxX, y >= square.y, y < square.maxY { value = 230 }
                value = value * gain + Double(Int(random.next() % 7) - 3)
                let byte = UInt8(max(0, min(255, value)))
                row[x * 3] = byte
                row[x * 3 + 1] = byte
                row[x * 3 + 2] = byte
            }
        }
    }

    func detector(_ settings: MotionSettings = MotionSettings()) throws -> MotionDetector {
        try MotionDetector(settings: settings, frameWidth: 1280, frameHeight: 720, inputWidth: 1280, inputHeight: 720, channels: 3)
    }

    @Test("a moving square gives one region around it; a still scene gives none")
    func movingSquare() throws {
        var random = SeededRandom(seed: 7)
        let detector = try detector()
        let frame = PixelBuffer()
        scene(square: nil, random: &random, into: frame)
        #expect(detector.process(frame.view).seeded)
        for _ in 0..<5 {
            scene(square: nil, random: &random, into: frame)
            #expect(detector.process(frame.view).regions.isEmpty, "sensor noise alone is not motion")
        }
        for step in 0..<10 {
            let square = Rect(x: 200 + step * 30, y: 300, width: 80, height: 80)
            scene(square: square, random: &random, into: frame)
            let result = detector.process(frame.view)
            #expect(result.regions.count == 1)
            let region = try #require(result.regions.first)
            #expect(region.x <= square.x && region.y <= square.y && region.maxX >= square.maxX && region.maxY >= square.maxY,
                    "region \(region) must cover \(square)")
            // The square's trail (the background still remembers it) may widen the region, but not by much.
            #expect(region.width < square.width + 6 * 30 + 64 && region.height < square.height + 64)
        }
    }

    @Test("a sudden global light change resets the background instead of reporting the whole frame")
    func lightingStep() throws {
        var random = SeededRandom(seed: 8)
        var settings = MotionSettings()
        settings.compensateBrightness = false
        let detector = try detector(settings)
        let frame = PixelBuffer()
        scene(square: nil, random: &random, into: frame)
        _ = detector.process(frame.view)
        scene(square: nil, gain: 0.5, random: &random, into: frame)
        let result = detector.process(frame.view)
        #expect(result.lightingChange)
        #expect(result.regions.isEmpty)
        scene(square: nil, gain: 0.5, random: &random, into: frame)
        #expect(detector.process(frame.view).regions.isEmpty, "the reset background is the new lighting")
    }

    @Test("brightness compensation absorbs a global dimming that is not large enough for a reset")
    func dimming() throws {
        var random = SeededRandom(seed: 9)
        let frame = PixelBuffer()
        for compensate in [true, false] {
            var settings = MotionSettings()
            settings.compensateBrightness = compensate
            let detector = try detector(settings)
            scene(square: nil, random: &random, into: frame)
            _ = detector.process(frame.view)
            scene(square: nil, gain: 0.8, random: &random, into: frame)
            let result = detector.process(frame.view)
            #expect(result.regions.isEmpty == compensate, "compensate \(compensate): \(result.regions.count) regions")
        }
    }

    @Test("a frame already decoded at 1/4 scale reports regions in full-frame pixels")
    func scaledInput() throws {
        let settings = MotionSettings()
        let detector = try MotionDetector(settings: settings, frameWidth: 1920, frameHeight: 1080,
                                          inputWidth: 480, inputHeight: 270, channels: 1)
        #expect(detector.factor == 1)
        let frame = PixelBuffer(width: 480, height: 270, channels: 1)
        frame.fill(50)
        _ = detector.process(frame.view)
        for y in 100..<120 {
            let row = frame.data.assumingMemoryBound(to: UInt8.self) + y * frame.stride
            for x in 200..<240 { row[x] = 250 }
        }
        let region = try #require(detector.process(frame.view).regions.first)
        // Blob 200..<240 x 100..<120, dilated by 1, times 4, padded by 16.
        #expect(region == Rect(x: 199 * 4 - 16, y: 99 * 4 - 16, width: 42 * 4 + 32, height: 22 * 4 + 32))
    }

    @Test("settings out of range are refused with the setting's name")
    func validation() {
        var settings = MotionSettings()
        settings.threshold = 0
        #expect(throws: MotionSettingsError.outOfRange("threshold", "1...254")) { try settings.validate() }
        settings = MotionSettings()
        settings.backgroundRate = 1.5
        #expect(throws: MotionSettingsError.self) {
            _ = try MotionDetector(settings: settings, frameWidth: 10, frameHeight: 10, inputWidth: 10, inputHeight: 10, channels: 1)
        }
    }
}
