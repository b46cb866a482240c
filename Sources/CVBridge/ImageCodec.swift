import CVShim
import PixelCore

/// Encoded image formats the codec tells apart.
public enum ImageType: Sendable, Equatable {
    /// JPEG, decoded by libjpeg-turbo (with scaled decode).
    case jpeg
    /// PNG.
    case png
    /// Anything else OpenCV reads.
    case other
}

/// What an encoded image's header says.
public struct ImageHeader: Sendable, Equatable {
    /// The encoding.
    public var type: ImageType
    /// Stored width.
    public var fullWidth: Int
    /// Stored height.
    public var fullHeight: Int
    /// Width after the requested scale.
    public var width: Int
    /// Height after the requested scale.
    public var height: Int
    /// The scale denominator that applies (1, 2, 4, 8).
    public var scaleDenominator: Int
}

/// Pixel layout to decode into.
public enum DecodeFormat: Sendable, Equatable {
    /// 3 channels, BGR.
    case bgr
    /// 1 channel.
    case gray

    /// Channels per pixel.
    public var channels: Int { self == .bgr ? 3 : 1 }
}

/// A reusable image decoder and encoder (libjpeg-turbo for JPEG, OpenCV for the rest).
public final class ImageCodec {
    private let handle: OpaquePointer

    /// Creates a codec.
    public init() throws(ShimError) {
        var raw: OpaquePointer?
        try check(cvs_codec_create(&raw))
        guard let raw else { throw ShimError(status: CVS_E_INTERNAL) }
        handle = raw
    }

    deinit { cvs_codec_destroy(handle) }

    /// Reads the header of `bytes`, for a decode at 1/`scale` (1, 2, 4 or 8).
    public func header(_ bytes: UnsafeRawBufferPointer, scale: Int = 1) throws(ShimError) -> ImageHeader {
        var header = cvs_image_header()
        try check(cvs_codec_header(handle, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count,
                                   Int32(scale), &header))
        let type: ImageType = switch header.type {
        case Int32(CVS_TYPE_JPEG.rawValue): .jpeg
        case Int32(CVS_TYPE_PNG.rawValue): .png
        default: .other
        }
        return ImageHeader(type: type, fullWidth: Int(header.full_width), fullHeight: Int(header.full_height),
                           width: Int(header.width), height: Int(header.height),
                           scaleDenominator: Int(header.scale_denom))
    }

    /// Decodes `bytes` at 1/`scale` into `buffer` (reshaped as needed) and returns the header.
    /// Corrupt data throws `ShimError` of kind `.decode`.
    @discardableResult
    public func decode(_ bytes: UnsafeRawBufferPointer, scale: Int = 1, format: DecodeFormat,
                       into buffer: PixelBuffer) throws(ShimError) -> ImageHeader {
        let header = try self.header(bytes, scale: scale)
        buffer.reshape(width: header.width, height: header.height, channels: format.channels)
        var image = buffer.shimImage
        let fmt = Int32(format == .bgr ? CVS_FORMAT_BGR.rawValue : CVS_FORMAT_GRAY.rawValue)
        try check(cvs_codec_decode(handle, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count,
                                   Int32(scale), fmt, &image))
        return header
    }

    /// Decodes a byte array (convenience for tests and one-off images).
    @discardableResult
    public func decode(_ bytes: [UInt8], scale: Int = 1, format: DecodeFormat, into buffer: PixelBuffer) throws(ShimError) -> ImageHeader {
        do {
            return try bytes.withUnsafeBytes { raw in try decode(raw, scale: scale, format: format, into: buffer) }
        } catch let error as ShimError {
            throw error
        } catch {
            throw ShimError(status: CVS_E_INTERNAL)
        }
    }

    /// Encodes `image` as JPEG (`quality` 1-100) or PNG.
    public func encode(_ image: ImageView, as format: EncodedFormat, quality: Int = 90) throws(ShimError) -> [UInt8] {
        var source = image.shimImage
        var bytes: UnsafePointer<UInt8>?
        var length = 0
        try check(cvs_codec_encode(handle, &source, format.fileExtension, Int32(quality), &bytes, &length))
        guard let bytes else { return [] }
        return Array(UnsafeBufferPointer(start: bytes, count: length))
    }
}

/// Formats the codec writes.
public enum EncodedFormat: Sendable {
    /// JPEG.
    case jpeg
    /// PNG.
    case png

    var fileExtension: String { self == .jpeg ? ".jpg" : ".png" }
}
