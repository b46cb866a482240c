import PixelCore

/// The constant-velocity Kalman filter of SORT / DeepSORT / ByteTrack over a box's (centre x, centre y,
/// aspect ratio w/h, height), with time steps from the real time between frames.
///
/// With the diagonal process and measurement noise those trackers use, the 8-dimensional filter splits
/// exactly into four independent (position, velocity) filters, one per coordinate; that is what is
/// kept here. Noise scales with the box as in ByteTrack (a twentieth of the height for positions, a
/// hundred-and-sixtieth per frame for velocities). The aspect ratio's noise is relative to the aspect
/// rather than ByteTrack's fixed 0.01: a truck entering at the frame edge is clipped, so its aspect
/// grows from near 0 to over 2 in a few seconds, and a fixed small noise would leave the filter's
/// box far narrower than the truck.
struct BoxFilter: Sendable, Hashable {
    /// The interval the per-step noise weights are tuned for (25 fps); longer steps get
    /// proportionally more process noise, as a random walk does.
    static let referenceInterval = 0.04
    static let positionWeight = 1.0 / 20
    static let velocityWeight = 1.0 / 160
    static let sizeDrift = 1.5

    private(set) var centreX: AxisFilter
    private(set) var centreY: AxisFilter
    private(set) var aspect: AxisFilter
    private(set) var height: AxisFilter
    /// The last measured aspect and height: between measurements the height and the width may
    /// each drift by `sizeDrift` either way and no further.
    private var measuredAspect: Double
    private var measuredHeight: Double

    /// Starts a filter at a measured box, with unknown (zero-mean, wide) velocity.
    init(box: Rect) {
        let m = Self.measurement(box)
        measuredAspect = m.a
        measuredHeight = m.h
        let p = 2 * Self.positionWeight, v = 10 * Self.velocityWeight / Self.referenceInterval
        centreX = AxisFilter(position: m.cx, positionSD: p * m.h, velocitySD: v * m.h)
        centreY = AxisFilter(position: m.cy, positionSD: p * m.h, velocitySD: v * m.h)
        aspect = AxisFilter(position: m.a, positionSD: p * m.a, velocitySD: v * m.a)
        height = AxisFilter(position: m.h, positionSD: p * m.h, velocitySD: v * m.h)
    }

    /// Moves the estimate `dt` seconds ahead. `holdStill` drops the velocity first, for objects known
    /// to be parked (their estimated velocity is noise and would make the box drift).
    mutating func predict(dt: Double, holdStill: Bool = false) {
        if holdStill {
            centreX.velocity = 0
            centreY.velocity = 0
            aspect.velocity = 0
            height.velocity = 0
        }
        guard dt > 0 else { return }
        let scale = dt / Self.referenceInterval
        let h = max(height.position, 1), a = max(aspect.position, 0.01)
        func step(_ axis: inout AxisFilter, size: Double) {
            let p = Self.positionWeight * size, v = Self.velocityWeight * size / Self.referenceInterval
            axis.predict(dt: dt, positionNoise: p * p * scale, velocityNoise: v * v * scale)
        }
        step(&centreX, size: h)
        step(&centreY, size: h)
        step(&aspect, size: a)
        step(&height, size: h)
        // A size velocity learned from boxes that jumped (a cab, then the whole truck) would
        // otherwise blow a lost track's box up to many times the frame within a few seconds.
        aspect.position = min(max(aspect.position, measuredAspect / Self.sizeDrift), measuredAspect * Self.sizeDrift)
        height.position = min(max(height.position, measuredHeight / Self.sizeDrift), measuredHeight * Self.sizeDrift)
        // The width too: aspect and height drifting together would otherwise widen the box by
        // the drift squared (a truck entering at the frame's edge grows in both).
        let width = measuredAspect * measuredHeight, current = max(height.position, 1)
        aspect.position = min(max(aspect.position, width / Self.sizeDrift / current), width * Self.sizeDrift / current)
    }

    /// Folds in a measured box.
    mutating func update(box: Rect) {
        let m = Self.measurement(box)
        let h = max(height.position, 1), a = max(aspect.position, 0.01)
        let rh = Self.positionWeight * h, ra = Self.positionWeight * a
        centreX.update(measured: m.cx, measurementNoise: rh * rh)
        centreY.update(measured: m.cy, measurementNoise: rh * rh)
        aspect.update(measured: m.a, measurementNoise: ra * ra)
        height.update(measured: m.h, measurementNoise: rh * rh)
        measuredAspect = m.a
        measuredHeight = m.h
    }

    /// The estimated box, rounded to whole pixels.
    var box: Rect {
        let h = max(height.position, 1), w = max(aspect.position, 0) * h
        let x = (centreX.position - w / 2).rounded(), y = (centreY.position - h / 2).rounded()
        return Rect(x: Int(x), y: Int(y), width: Int(w.rounded()), height: Int(h.rounded()))
    }

    /// The estimated velocity of the box centre in pixels per second.
    var velocity: Velocity { Velocity(x: centreX.velocity, y: centreY.velocity) }

    private static func measurement(_ box: Rect) -> (cx: Double, cy: Double, a: Double, h: Double) {
        let h = Double(max(box.height, 1))
        return (Double(box.x) + Double(box.width) / 2, Double(box.y) + h / 2, Double(box.width) / h, h)
    }
}
