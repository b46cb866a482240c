import PixelCore

/// What this frame's motion regions say about whether a box's pixels changed.
struct MotionEvidence: Sendable {
    /// The regions, or nil when nothing can be said (not measured, or a frame-wide change such as a
    /// lighting step: that is evidence about the light, not about any one object).
    let regions: [Rect]?

    init(regions: [Rect]?, frame: Rect, unknownCoverage: Double) {
        guard let regions, frame.area > 0 else {
            self.regions = nil
            return
        }
        let covered = Double(RegionCoverage.coveredArea(of: regions, within: frame)) / Double(frame.area)
        self.regions = covered >= unknownCoverage ? nil : regions
    }

    /// True when motion covers more than `fraction` of `box`: the object may have left.
    func changed(_ box: Rect, moreThan fraction: Double) -> Bool {
        guard let regions, box.area > 0 else { return false }
        return Double(RegionCoverage.coveredArea(of: regions, within: box)) / Double(box.area) > fraction
    }
}
