import ArgumentParser
import CommandOptions
import CVBridge
import Foundation
import FrameSources
import Logging
import Pipeline
import PixelCore
import Timing

/// Each pixel-core kernel timed on its own, on real frames: where the pixel stage spends its time.
struct KernelBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernels",
        abstract: "Median ms per frame of each pixel-core kernel (downscale, compare, dilated components)."
    )

    @Argument(help: "A video file or image folder (decoded to BGR at full size).")
    var source: String

    @Option(help: "Frames to measure.")
    var frames: Int = 200

    @OptionGroup var motion: MotionOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let logger = global.bootstrapLogging()
        let source = try openForCommand(self.source, logger: logger)
        let settings = motion.settings
        var downscaler: Downscaler?
        var background: BackgroundModel?
        var components = ConnectedComponents(radius: settings.dilation)
        let work = PixelBuffer(), mask = PixelBuffer()
        var times: [String: [Double]] = [:]
        let clock = ContinuousClock()
        func timed(_ name: String, _ body: () -> Void) {
            let t0 = clock.now
            body()
            times[name, default: []].append((clock.now - t0).inMilliseconds)
        }
        var n = 0
        while n < frames, let frame = try source.next() {
            let image = frame.image
            if downscaler == nil {
                let factor = MotionSettings.shrinkFactor(frameHeight: image.height, workHeight: settings.workHeight)
                downscaler = Downscaler(inputWidth: image.width, inputHeight: image.height, channels: image.channels, factor: factor)
                background = BackgroundModel(width: downscaler!.outputWidth, height: downscaler!.outputHeight)
            }
            timed("downscale") { downscaler!.run(image, into: work) }
            if !background!.isSeeded { background!.reset(to: work.view) }
            timed("compare") { background!.compare(work.view, threshold: settings.threshold, rate: Float(settings.backgroundRate), into: mask) }
            timed("components") { components.run(mask.view) }
            n += 1
        }
        for name in ["downscale", "compare", "components"] {
            print("\(name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(median(times[name] ?? [])) ms")
        }
    }
}
