import Foundation
import CVShim
import PixelCore

/// A rotated rectangle in image pixels (OpenCV's convention: centre, size, angle in degrees).
public struct RotatedBox: Sendable, Equatable {
    /// Centre.
    public var centerX: Double
    /// Centre.
    public var centerY: Double
    /// Side along the angle.
    public var width: Double
    /// The other side.
    public var height: Double
    /// Degrees.
    public var angle: Double
    /// Mean text probability inside it.
    public var score: Double

    /// Creates a box.
    public init(centerX: Double, centerY: Double, width: Double, height: Double, angle: Double, score: Double = 1) {
        self.centerX = centerX
        self.centerY = centerY
        self.width = width
        self.height = height
        self.angle = angle
        self.score = score
    }

    /// The upright box `rect`.
    public init(_ rect: Rect) {
        self.init(centerX: Double(rect.x) + Double(rect.width) / 2, centerY: Double(rect.y) + Double(rect.height) / 2,
                  width: Double(rect.width), height: Double(rect.height), angle: 0)
    }

    /// `angle` in degrees brought into -90...90 (a box turned half round is the same box).
    public static func normalisedAngle(_ angle: Double) -> Double {
        var angle = angle.truncatingRemainder(dividingBy: 180)
        if angle > 90 { angle -= 180 }
        if angle < -90 { angle += 180 }
        return angle
    }

    /// The axis-aligned box around it, clipped to `width` x `height`.
    public func bounds(within imageWidth: Int, _ imageHeight: Int) -> Rect {
        let radians = angle * .pi / 180
        let c = abs(cos(radians)), s = abs(sin(radians))
        let halfW = (width * c + height * s) / 2, halfH = (width * s + height * c) / 2
        let left = max(0, Int((centerX - halfW).rounded(.down))), top = max(0, Int((centerY - halfH).rounded(.down)))
        let right = min(imageWidth, Int((centerX + halfW).rounded(.up))), bottom = min(imageHeight, Int((centerY + halfH).rounded(.up)))
        return Rect(x: left, y: top, width: max(0, right - left), height: max(0, bottom - top))
    }

    /// The axis-aligned box around the part of this box between `from` and `to` (shares of its
    /// length, 0...1) in reading order, as an upright crop lays it out: along the longer side,
    /// from the end on the left of the edge nearer the top. Clipped to `limit`.
    public func span(from: Double, to: Double, clippedTo limit: Rect) -> Rect {
        let radians = angle * .pi / 180
        let b = cos(radians) * 0.5, a = sin(radians) * 0.5
        // The corners as OpenCV's RotatedRect::points gives them, consecutive.
        let p0 = (x: centerX - a * height - b * width, y: centerY + b * height - a * width)
        let p1 = (x: centerX + a * height - b * width, y: centerY - b * height - a * width)
        let corners = [p0, p1, (x: 2 * centerX - p0.x, y: 2 * centerY - p0.y), (x: 2 * centerX - p1.x, y: 2 * centerY - p1.y)]
        func length(_ u: (x: Double, y: Double), _ v: (x: Double, y: Double)) -> Double { hypot(u.x - v.x, u.y - v.y) }
        let first = length(corners[1], corners[0]) >= length(corners[2], corners[1]) ? 0 : 1
        let a0 = corners[first], a1 = corners[first + 1], b0 = corners[(first + 3) % 4], b1 = corners[(first + 2) % 4]
        let aOnTop = a0.y + a1.y <= b0.y + b1.y
        let t0 = aOnTop ? a0 : b0, t1 = aOnTop ? a1 : b1, u0 = aOnTop ? b0 : a0, u1 = aOnTop ? b1 : a1
        let leftFirst = t0.x <= t1.x
        let topStart = leftFirst ? t0 : t1, topEnd = leftFirst ? t1 : t0
        let bottomStart = leftFirst ? u0 : u1, bottomEnd = leftFirst ? u1 : u0
        func along(_ s: (x: Double, y: Double), _ e: (x: Double, y: Double), _ f: Double) -> (x: Double, y: Double) {
            (x: s.x + (e.x - s.x) * f, y: s.y + (e.y - s.y) * f)
        }
        let points = [along(topStart, topEnd, from), along(topStart, topEnd, to), along(bottomStart, bottomEnd, from), along(bottomStart, bottomEnd, to)]
        let left = max(limit.x, Int(points.map(\.x).min()!.rounded(.down)))
        let top = max(limit.y, Int(points.map(\.y).min()!.rounded(.down)))
        let right = min(limit.maxX, Int(points.map(\.x).max()!.rounded(.up)))
        let bottom = min(limit.maxY, Int(points.map(\.y).max()!.rounded(.up)))
        return Rect(x: left, y: top, width: max(0, right - left), height: max(0, bottom - top))
    }

    var shim: cvs_rotated_rect {
        cvs_rotated_rect(cx: Float(centerX), cy: Float(centerY), width: Float(width), height: Float(height),
                         angle: Float(angle), score: Float(score))
    }
}

/// Text-region geometry done with OpenCV: DB post-processing and upright crops.
public enum TextGeometry {
    /// Boxes of a DB probability map (`width` x `height` floats), in image pixels after scaling by
    /// (`scaleX`, `scaleY`), highest score first.
    public static func dbBoxes(_ map: UnsafeBufferPointer<Float>, width: Int, height: Int, binThreshold: Double,
                               boxThreshold: Double, unclipRatio: Double, minimumSize: Double,
                               scaleX: Double, scaleY: Double, limit: Int = 256) throws(ShimError) -> [RotatedBox] {
        var raw = [cvs_rotated_rect](repeating: cvs_rotated_rect(), count: limit)
        var count: Int32 = 0
        let status = raw.withUnsafeMutableBufferPointer {
            cvs_db_boxes(map.baseAddress, Int32(width), Int32(height), Float(binThreshold), Float(boxThreshold),
                         Float(unclipRatio), Float(minimumSize), Float(scaleX), Float(scaleY), $0.baseAddress,
                         Int32(limit), &count)
        }
        try check(status)
        return raw.prefix(Int(min(count, Int32(limit)))).map {
            RotatedBox(centerX: Double($0.cx), centerY: Double($0.cy), width: Double($0.width), height: Double($0.height),
                       angle: Double($0.angle), score: Double($0.score))
        }
    }

    /// Cuts `box` out of `image` upright into `output` (whose current size is kept); the longer
    /// side becomes horizontal unless `keepOrientation`.
    public static func crop(_ image: ImageView, box: RotatedBox, keepOrientation: Bool = false, into output: PixelBuffer) throws(ShimError) {
        var src = image.shimImage, dst = output.shimImage
        var rect = box.shim
        try check(cvs_crop_rotated(&src, &rect, keepOrientation ? 1 : 0, &dst))
    }

    /// Draws `box` with an optional label onto a BGR image, in colour (blue, green, red).
    public static func draw(_ box: Rect, label: String, colour: (blue: UInt8, green: UInt8, red: UInt8),
                            on image: PixelBuffer) throws(ShimError) {
        var target = image.shimImage
        try check(cvs_draw_box(&target, Int32(box.x), Int32(box.y), Int32(box.width), Int32(box.height),
                               colour.blue, colour.green, colour.red, Int32(max(2, image.height / 360)), label))
    }

    /// Bilinear resize into `output`'s current size.
    public static func resize(_ image: ImageView, into output: PixelBuffer) throws(ShimError) {
        var src = image.shimImage, dst = output.shimImage
        try check(cvs_op_resize_linear(&src, &dst))
    }
}
