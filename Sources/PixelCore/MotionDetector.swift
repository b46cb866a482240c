/// What the pixel core found in one frame.
public struct MotionResult: Sendable, Equatable {
    /// Merged, padded regions of change in full-frame pixels, top to bottom.
    public var regions: [Rect]
    /// Share of working pixels that changed (before dilation), 0-1.
    public var motionFraction: Double
    /// True when the frame changed almost everywhere at once and the background was reset.
    public var lightingChange: Bool
    /// True for the first frame, which only seeds the background.
    public var seeded: Bool
}

/// The hot path for one camera: frame → grey working image → background difference → threshold
/// → dilated connected components → motion regions. It allocates nothing per frame once the
/// first frame has sized its buffers.
public final class MotionDetector {
    /// The settings in force.
    public let settings: MotionSettings
    /// Size of the frame the regions refer to (the camera's full resolution).
    public let frameWidth: Int
    /// Size of the frame the regions refer to.
    public let frameHeight: Int
    /// The shrink factor from input to working image.
    public var factor: Int { downscaler.factor }

    private let downscaler: Downscaler
    private let background: BackgroundModel
    private var components: ConnectedComponents
    private let merger: RegionMerger
    private let work = PixelBuffer()
    private let mask = PixelBuffer()
    private var regions: [Rect] = []

    /// Prepares for inputs of `inputWidth` x `inputHeight` with `channels` (1 or 3). The input may
    /// already be smaller than the frame (a JPEG decoded at 1/4 scale); regions are reported in
    /// frame pixels either way. Grey input in video range is stretched to 0-255.
    public init(settings: MotionSettings, frameWidth: Int, frameHeight: Int,
                inputWidth: Int, inputHeight: Int, channels: Int, inputRange: LumaRange = .full) throws(MotionSettingsError) {
        try settings.validate()
        self.settings = settings
        self.frameWidth = frameWidth
        self.frameHeight = frameHeight
        // The shrink is chosen on the full frame, so a frame decoded at 1/4 and one decoded whole
        // end up with the same working image.
        let total = MotionSettings.shrinkFactor(frameHeight: frameHeight, workHeight: settings.workHeight)
        let factor = max(1, Int((Double(total) * Double(inputHeight) / Double(frameHeight)).rounded()))
        downscaler = Downscaler(inputWidth: inputWidth, inputHeight: inputHeight, channels: channels, factor: factor,
                                inputRange: inputRange)
        background = BackgroundModel(width: downscaler.outputWidth, height: downscaler.outputHeight)
        components = ConnectedComponents(radius: settings.dilation)
        merger = RegionMerger(
            scaleX: Double(frameWidth) / Double(downscaler.outputWidth),
            scaleY: Double(frameHeight) / Double(downscaler.outputHeight),
            frameWidth: frameWidth, frameHeight: frameHeight,
            padding: settings.padding, maximumRegions: settings.maximumRegions)
        regions.reserveCapacity(256)
        work.reshape(width: downscaler.outputWidth, height: downscaler.outputHeight, channels: 1)
        mask.reshape(width: downscaler.outputWidth, height: downscaler.outputHeight, channels: 1)
    }

    /// The grey working image of the last frame.
    public var workImage: ImageView { work.view }
    /// The changed pixels (255) of the last frame, before dilation.
    public var changeMask: ImageView { mask.view }
    /// The background's mean grey level.
    public var backgroundMean: Double { background.mean }

    /// Runs the hot path on one frame.
    public func process(_ input: ImageView) -> MotionResult {
        let sum = downscaler.run(input, into: work)
        let image = work.view
        guard background.isSeeded else {
            background.reset(to: image)
            return MotionResult(regions: [], motionFraction: 0, lightingChange: false, seeded: true)
        }
        let pixels = image.width * image.height
        let gain = settings.compensateBrightness ? brightnessGain(mean: Double(sum) / Double(pixels)) : 1
        let changed = background.compare(image, threshold: settings.threshold, rate: Float(settings.backgroundRate),
                                          gain: gain, imageSum: sum, into: mask)
        let fraction = Double(changed) / Double(pixels)
        if fraction > settings.lightingChangeFraction {
            background.reset(to: image)
            return MotionResult(regions: [], motionFraction: fraction, lightingChange: true, seeded: false)
        }
        if changed == 0 {
            return MotionResult(regions: [], motionFraction: 0, lightingChange: false, seeded: false)
        }
        components.run(mask.view)
        merger.build(from: components.components, minimumArea: settings.minimumArea, into: &regions)
        return MotionResult(regions: regions, motionFraction: fraction, lightingChange: false, seeded: false)
    }

    /// The factor that brings the frame's mean brightness to the background's, or 1 when they
    /// are within 2% (noise and moving objects shift the mean a little all the time).
    private func brightnessGain(mean: Double) -> Float {
        guard mean > 1 else { return 1 }
        let gain = background.mean / mean
        return abs(gain - 1) < 0.02 ? 1 : Float(gain)
    }
}
