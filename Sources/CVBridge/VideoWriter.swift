import CVShim
import PixelCore

/// Writes BGR frames of one size into an H.264 MP4 (OpenCV's FFmpeg writer): annotated footage
/// for engineers. The file is finished when the writer is released.
public final class VideoWriter {
    private let handle: OpaquePointer
    /// The frame size it takes.
    public let width: Int
    public let height: Int

    /// Opens `path` for frames of `width` x `height` at `fps`.
    ///
    /// - Throws: `ShimError` naming the path when it cannot be written.
    public init(path: String, width: Int, height: Int, fps: Double) throws(ShimError) {
        var raw: OpaquePointer?
        try check(cvs_writer_open(path, Int32(width), Int32(height), fps, &raw))
        guard let raw else { throw ShimError(status: CVS_E_INTERNAL) }
        handle = raw
        self.width = width
        self.height = height
    }

    deinit { cvs_writer_close(handle) }

    /// Appends one frame (BGR, the writer's size).
    public func write(_ image: ImageView) throws(ShimError) {
        var frame = image.shimImage
        try check(cvs_writer_write(handle, &frame))
    }
}

extension TextGeometry {
    /// Draws the polyline through the points `xy` (x, y, x, y, ...; closed into a polygon with
    /// `closed`) with an optional label by its first point, onto a BGR image.
    public static func draw(polyline xy: [Int], closed: Bool, label: String, colour: (blue: UInt8, green: UInt8, red: UInt8),
                            on image: PixelBuffer) throws(ShimError) {
        var target = image.shimImage
        try check(cvs_draw_polyline(&target, xy.map { Int32($0) }, Int32(xy.count / 2), closed ? 1 : 0, colour.blue, colour.green,
                                    colour.red, Int32(max(2, image.height / 360)), label))
    }
}
