import ArgumentParser
import PixelCore

/// The pixel core's settings as command-line options.
struct MotionOptions: ParsableArguments {
    @Option(help: "Height of the pixel core's working image (the nearest whole shrink factor is used).")
    var workHeight: Int = MotionSettings().workHeight

    @Option(help: "Grey-level difference from the background that counts as change (1-254).")
    var threshold: Int = MotionSettings().threshold

    @Option(help: "Weight of each new frame in the running-average background (0-1].")
    var backgroundRate: Double = MotionSettings().backgroundRate

    @Option(help: "Dilation radius in working pixels (1 = a 3x3 kernel).")
    var dilation: Int = MotionSettings().dilation

    @Option(help: "Smallest region, in working pixels.")
    var minArea: Int = MotionSettings().minimumArea

    @Option(help: "Padding around regions, in frame pixels.")
    var padding: Int = MotionSettings().padding

    var settings: MotionSettings {
        var settings = MotionSettings()
        settings.workHeight = workHeight
        settings.threshold = threshold
        settings.backgroundRate = backgroundRate
        settings.dilation = dilation
        settings.minimumArea = minArea
        settings.padding = padding
        return settings
    }

    func validate() throws {
        do {
            try settings.validate()
        } catch {
            throw ValidationError(error.description)
        }
    }
}
