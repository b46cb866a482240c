import PixelCore

/// A part of the frame the detector will run on, at its native resolution.
public struct PlannedRegion: Sendable, Hashable, Codable {
    /// The region in frame pixels.
    public var rect: Rect
    /// Why it was chosen.
    public var reason: RegionReason

    /// Creates a planned region.
    public init(rect: Rect, reason: RegionReason) {
        self.rect = rect
        self.reason = reason
    }
}
