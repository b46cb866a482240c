/// The pixel core's tunables. The defaults were chosen on real fixed-camera footage (highway and
/// gate clips): they ignore sensor noise and compression artefacts and keep vehicles of about
/// 16 px and up.
public struct MotionSettings: Sendable, Equatable, Codable {
    /// Target height of the working image. The frame is shrunk by the whole factor nearest to
    /// `frameHeight / workHeight`, so 1080p and 270 give 4 (480x270) and 720p gives 3 (426x240).
    public var workHeight: Int = 270
    /// A working pixel is "changed" when it differs from the background by more than this (0-255).
    public var threshold: Int = 25
    /// Weight of the new frame in the running-average background (0-1): 0.05 forgets in about 20 frames.
    public var backgroundRate: Double = 0.05
    /// Radius of the square dilation applied to the changed pixels, in working pixels (0: none).
    /// 1 is OpenCV's 3x3 kernel once; 2 is a 5x5 (or 3x3 twice).
    public var dilation: Int = 1
    /// Blobs with fewer changed working pixels than this are noise.
    public var minimumArea: Int = 16
    /// Padding added around each region, in full-frame pixels, before overlapping regions merge.
    public var padding: Int = 16
    /// When more than this share of the working pixels change at once, the scene's lighting
    /// changed (a cloud, lamps switching): the background is reset and no regions are reported.
    public var lightingChangeFraction: Double = 0.5
    /// Scale the frame's brightness to the background's before differencing, so that slow or
    /// small global light changes do not light up the whole frame.
    public var compensateBrightness: Bool = true
    /// At most this many regions are reported; beyond it the smallest are merged into their neighbours.
    public var maximumRegions: Int = 32

    /// The defaults.
    public init() {}

    /// The whole factor by which a frame of `frameHeight` rows shrinks to about `workHeight` rows.
    public static func shrinkFactor(frameHeight: Int, workHeight: Int) -> Int {
        min(16, max(1, Int((Double(frameHeight) / Double(max(1, workHeight))).rounded())))
    }

    /// Checks the values and names the first one out of range.
    public func validate() throws(MotionSettingsError) {
        if workHeight < 16 || workHeight > 4320 { throw .outOfRange("workHeight", "16...4320") }
        if threshold < 1 || threshold > 254 { throw .outOfRange("threshold", "1...254") }
        if !(backgroundRate > 0 && backgroundRate <= 1) { throw .outOfRange("backgroundRate", "(0, 1]") }
        if dilation < 0 || dilation > 16 { throw .outOfRange("dilation", "0...16") }
        if minimumArea < 1 { throw .outOfRange("minimumArea", ">= 1") }
        if padding < 0 { throw .outOfRange("padding", ">= 0") }
        if !(lightingChangeFraction > 0 && lightingChangeFraction <= 1) {
            throw .outOfRange("lightingChangeFraction", "(0, 1]")
        }
        if maximumRegions < 1 { throw .outOfRange("maximumRegions", ">= 1") }
    }
}

/// A motion setting out of its range.
public enum MotionSettingsError: Error, Equatable, CustomStringConvertible {
    /// The named setting must lie in the given range.
    case outOfRange(String, String)

    public var description: String {
        switch self {
        case let .outOfRange(name, range): "motion setting '\(name)' must be in \(range)"
        }
    }
}
