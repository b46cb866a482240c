import CVShim
import PixelCore

/// OpenCV's own versions of the pixel core's kernels, called through the shim. Tests compare the
/// pixel core against these; benchmarks race them.
public enum OpenCVReference {
    /// `cvtColor(BGR2GRAY)` then `resize(INTER_AREA)` to `output`'s current size.
    public static func grayResizeArea(_ input: ImageView, into output: PixelBuffer) throws(ShimError) {
        var src = input.shimImage, dst = output.shimImage
        try check(cvs_op_gray_resize_area(&src, &dst))
    }

    /// `resize(INTER_AREA)` to `output`'s current size.
    public static func resizeArea(_ input: ImageView, into output: PixelBuffer) throws(ShimError) {
        var src = input.shimImage, dst = output.shimImage
        try check(cvs_op_resize_area(&src, &dst))
    }

    /// `cvtColor(BGR2GRAY)` into a grey buffer of the same size.
    public static func bgrToGray(_ input: ImageView, into output: PixelBuffer) throws(ShimError) {
        output.reshape(width: input.width, height: input.height, channels: 1)
        var src = input.shimImage, dst = output.shimImage
        try check(cvs_op_bgr_to_gray(&src, &dst))
    }

    /// `accumulateWeighted(input, average, alpha)`.
    public static func accumulateWeighted(_ input: ImageView, into average: FloatImage, alpha: Double) throws(ShimError) {
        var src = input.shimImage, avg = average.shimImage
        try check(cvs_op_accumulate_weighted(&src, &avg, alpha))
    }

    /// `threshold(absdiff(input, convertScaleAbs(average)), t, 255, BINARY)`.
    public static func diffThreshold(_ input: ImageView, average: FloatImage, threshold: Int, into output: PixelBuffer) throws(ShimError) {
        output.reshape(width: input.width, height: input.height, channels: 1)
        var a = input.shimImage, b = average.shimImage, dst = output.shimImage
        try check(cvs_op_diff_threshold(&a, &b, Int32(threshold), &dst))
    }

    /// `dilate` with a 3x3 rectangle, `iterations` times.
    public static func dilate(_ input: ImageView, iterations: Int, into output: PixelBuffer) throws(ShimError) {
        output.reshape(width: input.width, height: input.height, channels: 1)
        var src = input.shimImage, dst = output.shimImage
        try check(cvs_op_dilate(&src, &dst, Int32(iterations)))
    }

    /// `connectedComponentsWithStats` (8-connectivity), background excluded.
    public static func connectedComponents(_ input: ImageView) throws(ShimError) -> [Component] {
        var src = input.shimImage
        var count: Int32 = 0
        try check(cvs_op_connected_components(&src, nil, 0, &count))
        var raw = [cvs_component](repeating: cvs_component(), count: Int(count))
        try check(cvs_op_connected_components(&src, &raw, count, &count))
        return raw.map {
            Component(box: Rect(x: Int($0.x), y: Int($0.y), width: Int($0.width), height: Int($0.height)), area: Int($0.area))
        }
    }
}

/// The whole motion step written with OpenCV calls (cvtColor, resize, blur, absdiff, threshold,
/// dilate, findContours, accumulateWeighted), for benchmarks against the pixel core.
public final class OpenCVMotionChain {
    private let handle: OpaquePointer
    private var boxes: [cvs_component]

    /// A chain with the pixel core's parameters; `blurRadius` 0 skips the Gaussian blur.
    public init(settings: MotionSettings, workWidth: Int, workHeight: Int, blurRadius: Int = 0) throws(ShimError) {
        var params = cvs_motion_params(
            work_width: Int32(workWidth), work_height: Int32(workHeight), threshold: Int32(settings.threshold),
            dilate_iterations: Int32(settings.dilation), blur_radius: Int32(blurRadius),
            alpha: settings.backgroundRate, min_area: Int32(settings.minimumArea))
        var raw: OpaquePointer?
        try check(cvs_motion_chain_create(&params, &raw))
        guard let raw else { throw ShimError(status: CVS_E_INTERNAL) }
        handle = raw
        boxes = [cvs_component](repeating: cvs_component(), count: 256)
    }

    deinit { cvs_motion_chain_destroy(handle) }

    /// Runs the chain on one frame; returns the number of regions it found.
    @discardableResult
    public func step(_ frame: ImageView) throws(ShimError) -> Int {
        var image = frame.shimImage
        var count: Int32 = 0
        let capacity = Int32(boxes.count)
        let status = boxes.withUnsafeMutableBufferPointer { cvs_motion_chain_step(handle, &image, $0.baseAddress, capacity, &count) }
        try check(status)
        return Int(count)
    }
}
