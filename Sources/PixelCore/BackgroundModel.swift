/// A running-average background of the working image, and the fused compare step against it.
///
/// Kept in `Float` like OpenCV's `accumulateWeighted`, so the two agree to the last rounding.
/// One pass per frame does difference, threshold, counting and the average's update.
public final class BackgroundModel {
    /// Width of the working image.
    public let width: Int
    /// Height of the working image.
    public let height: Int
    private let average: UnsafeMutablePointer<Float>
    private var averageSum: Double = 0
    /// False until the first frame has seeded the average.
    public private(set) var isSeeded = false

    /// An empty model for working images of this size.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        average = .allocate(capacity: width * height)
    }

    deinit { average.deallocate() }

    /// Mean grey level of the background.
    public var mean: Double { averageSum / Double(width * height) }

    /// The average's value at (x, y).
    public func value(x: Int, y: Int) -> Float { average[y * width + x] }

    /// Makes `image` the background.
    public func reset(to image: ImageView) {
        precondition(image.width == width && image.height == height && image.channels == 1)
        for y in 0..<height {
            let src = image.row(y)
            let dst = average + y * width
            for x in 0..<width { dst[x] = Float(src[x]) }
        }
        averageSum = Double(image.sum)
        isSeeded = true
    }

    /// Writes 255 into `mask` where `|image × gain − round(background)| > threshold` and 0 elsewhere,
    /// then moves the background towards `image` by `rate`. Returns the number of changed pixels.
    /// `imageSum`, the sum of the image's pixels if the caller has it, keeps `mean` current.
    @discardableResult
    public func compare(_ image: ImageView, threshold: Int, rate: Float, gain: Float = 1, imageSum: Int? = nil,
                        into mask: PixelBuffer) -> Int {
        precondition(image.width == width && image.height == height && image.channels == 1)
        mask.reshape(width: width, height: height, channels: 1)
        let limit = Float(threshold)
        let keep = 1 - rate
        // Adding and subtracting 1.5 × 2^23 rounds a small positive Float half-to-even without a libm call.
        let magic: Float = 12_582_912
        var changed = 0
        for y in 0..<height {
            let src = image.row(y)
            let out = mask.data.assumingMemoryBound(to: UInt8.self) + y * mask.stride
            let avg = average + y * width
            var rowChanged: UInt32 = 0
            for x in 0..<width {
                let value = Float(src[x])
                let background = avg[x]
                let rounded = (background + magic) - magic
                let isChanged = abs(value * gain - rounded) > limit
                out[x] = isChanged ? 255 : 0
                rowChanged &+= isChanged ? 1 : 0
                // OpenCV's order of operations, so the two stay bit-identical.
                avg[x] = background * keep + value * rate
            }
            changed &+= Int(rowChanged)
        }
        // The average is linear, so its mean follows the frame's mean without another pass.
        let sum = imageSum ?? image.sum
        averageSum = averageSum * Double(keep) + Double(sum) * Double(rate)
        return changed
    }
}
