import ArgumentParser
import PixelCore

/// The pixel core's settings as command-line options.
public struct MotionOptions: ParsableArguments {
    /// The defaults.
    public init() {}

    @Option(help: "Height of the pixel core's working image (the nearest whole shrink factor is used).")
    public var workHeight: Int = MotionSettings().workHeight

    @Option(help: "Grey-level difference from the background that counts as change (1-254).")
    public var threshold: Int = MotionSettings().threshold

    @Option(help: "Weight of each new frame in the running-average background (0-1].")
    public var backgroundRate: Double = MotionSettings().backgroundRate

    @Option(help: "Dilation radius in working pixels (1 = a 3x3 kernel).")
    public var dilation: Int = MotionSettings().dilation

    @Option(help: "Smallest region, in working pixels.")
    public var minArea: Int = MotionSettings().minimumArea

    @Option(help: "Padding around regions, in frame pixels.")
    public var padding: Int = MotionSettings().padding

    public var settings: MotionSettings {
        var settings = MotionSettings()
        settings.workHeight = workHeight
        settings.threshold = threshold
        settings.backgroundRate = backgroundRate
        settings.dilation = dilation
        settings.minimumArea = minArea
        settings.padding = padding
        return settings
    }

    public func validate() throws {
        do {
            try settings.validate()
        } catch {
            throw ValidationError(error.description)
        }
    }
}
