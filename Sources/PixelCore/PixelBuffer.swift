/// An owned, 64-byte-aligned block of pixels that is reused from frame to frame.
///
/// Decoders write into it through the shim and the pixel core reads it, so a frame is never
/// copied between stages. `reshape` only reallocates when a larger frame arrives.
public final class PixelBuffer: @unchecked Sendable {
    // @unchecked: a buffer is handed from one thread to the next, never shared while written.
    /// Start of the pixels.
    public private(set) var data: UnsafeMutableRawPointer
    /// Bytes allocated.
    public private(set) var capacity: Int
    /// Width in pixels.
    public private(set) var width: Int = 0
    /// Height in pixels.
    public private(set) var height: Int = 0
    /// Interleaved channels per pixel: 1 (gray) or 3 (BGR).
    public private(set) var channels: Int = 1
    /// Bytes from one row to the next (a multiple of 64).
    public private(set) var stride: Int = 0

    /// Creates an empty buffer; `reshape` gives it a size.
    public init(capacity: Int = 64) {
        self.capacity = max(64, capacity)
        self.data = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 64)
    }

    /// Creates a buffer of the given shape.
    public convenience init(width: Int, height: Int, channels: Int) {
        self.init()
        reshape(width: width, height: height, channels: channels)
    }

    deinit { data.deallocate() }

    /// Gives the buffer a shape, growing the allocation only when it is too small. Contents are undefined after a change.
    public func reshape(width: Int, height: Int, channels: Int) {
        precondition(width > 0 && height > 0 && (channels == 1 || channels == 3), "bad pixel buffer shape")
        let stride = (width * channels + 63) & ~63
        let needed = stride * height
        if needed > capacity {
            data.deallocate()
            data = UnsafeMutableRawPointer.allocate(byteCount: needed, alignment: 64)
            capacity = needed
        }
        self.width = width
        self.height = height
        self.channels = channels
        self.stride = stride
    }

    /// A read-only view of the current pixels, valid while this buffer lives and is not reshaped.
    /// The view does not keep the buffer alive: a caller whose buffer is a temporary, or not used
    /// after the view is taken, holds it with `withExtendedLifetime` across the calls that read it.
    public var view: ImageView {
        ImageView(data: UnsafeRawPointer(data), width: width, height: height, channels: channels, stride: stride)
    }

    /// Fills every pixel byte with `value`.
    public func fill(_ value: UInt8) {
        data.initializeMemory(as: UInt8.self, repeating: value, count: stride * height)
    }

    /// Copies the pixels of `source` (same shape after reshaping to it).
    public func copy(from source: ImageView) {
        reshape(width: source.width, height: source.height, channels: source.channels)
        let rowBytes = source.width * source.channels
        for y in 0..<source.height {
            (data + y * stride).copyMemory(from: source.row(y), byteCount: rowBytes)
        }
    }
}

/// A borrowed view of 8-bit pixels: rows of `stride` bytes with `channels` interleaved values (BGR for 3).
public struct ImageView: @unchecked Sendable {
    // @unchecked: a view is valid only while its owner keeps the pixels; it never outlives a frame.
    /// Start of the first row.
    public let data: UnsafeRawPointer
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Channels per pixel.
    public let channels: Int
    /// Bytes from one row to the next.
    public let stride: Int

    /// Wraps pixels owned elsewhere.
    public init(data: UnsafeRawPointer, width: Int, height: Int, channels: Int, stride: Int) {
        precondition(stride >= width * channels, "stride shorter than a row")
        self.data = data
        self.width = width
        self.height = height
        self.channels = channels
        self.stride = stride
    }

    /// The bytes of row `y`.
    @inline(__always)
    public func row(_ y: Int) -> UnsafePointer<UInt8> {
        (data + y * stride).assumingMemoryBound(to: UInt8.self)
    }

    /// The sum of all values (every channel).
    public var sum: Int {
        var total = 0
        for y in 0..<height {
            let row = self.row(y)
            var rowSum: UInt32 = 0
            for x in 0..<(width * channels) { rowSum &+= UInt32(row[x]) }
            total &+= Int(rowSum)
        }
        return total
    }

    /// The value at (x, y) in channel `c`.
    @inline(__always)
    public subscript(x: Int, y: Int, c: Int = 0) -> UInt8 {
        row(y)[x * channels + c]
    }
}
