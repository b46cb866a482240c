import CVShim
import PixelCore

extension ImageView {
    /// The shim's description of these pixels (8-bit).
    var shimImage: cvs_image {
        cvs_image(data: UnsafeMutableRawPointer(mutating: data), width: Int32(width), height: Int32(height),
                  stride: Int32(stride), channels: Int32(channels), depth: Int32(CVS_DEPTH_U8.rawValue))
    }
}

extension PixelBuffer {
    /// The shim's description of this buffer (8-bit).
    var shimImage: cvs_image { view.shimImage }
}

/// A single-channel `Float` image for OpenCV reference operations (tests and benchmarks).
public final class FloatImage {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// The values, row after row.
    public let values: UnsafeMutablePointer<Float>

    /// A zeroed image.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        values = .allocate(capacity: width * height)
        values.initialize(repeating: 0, count: width * height)
    }

    deinit { values.deallocate() }

    /// The value at (x, y).
    public subscript(x: Int, y: Int) -> Float { values[y * width + x] }

    var shimImage: cvs_image {
        cvs_image(data: UnsafeMutableRawPointer(values), width: Int32(width), height: Int32(height),
                  stride: Int32(width * 4), channels: 1, depth: Int32(CVS_DEPTH_F32.rawValue))
    }
}
