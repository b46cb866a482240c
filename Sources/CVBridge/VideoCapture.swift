import CVShim
import PixelCore

/// What a capture is opened on. (Files and streams in the pipeline go through `VideoDecoder`;
/// `VideoCapture` serves V4L2 devices, and tests that want OpenCV's own BGR frames.)
public enum CaptureKind: Sendable {
    /// A file, through OpenCV's FFmpeg backend.
    case file
    /// A V4L2 device path.
    case device
}

/// What a capture knows about its footage once open.
public struct CaptureInfo: Sendable, Equatable {
    /// Frame size.
    public var width: Int
    /// Frame size.
    public var height: Int
    /// Frames per second the container states, or nil.
    public var fps: Double?
    /// Frame count the container states, or nil.
    public var frameCount: Int?
    /// OpenCV's backend name (FFMPEG, V4L2).
    public var backend: String
}

/// An open `cv::VideoCapture` that reads BGR frames into a reused `PixelBuffer`.
public final class VideoCapture {
    private let handle: OpaquePointer
    /// What the footage is.
    public let info: CaptureInfo
    /// The URI it was opened on.
    public let uri: String

    /// Opens `uri`; throws `ShimError` with kind `.open` if it cannot.
    public init(uri: String, kind: CaptureKind) throws(ShimError) {
        var options = cvs_capture_options()
        switch kind {
        case .file:
            options.kind = Int32(CVS_CAPTURE_FILE.rawValue)
        case .device:
            options.kind = Int32(CVS_CAPTURE_DEVICE.rawValue)
        }
        var raw: OpaquePointer?
        var info = cvs_capture_info()
        try check(cvs_capture_open(uri, &options, &raw, &info))
        guard let raw else { throw ShimError(status: CVS_E_INTERNAL) }
        handle = raw
        self.uri = uri
        self.info = CaptureInfo(info)
    }

    deinit { cvs_capture_close(handle) }

    /// Reads the next frame into `buffer` (reshaped to the frame when the size changes).
    /// Returns the decoder's position in milliseconds (nil if unknown), or nil at the end.
    public func read(into buffer: PixelBuffer) throws(ShimError) -> FramePosition? {
        if buffer.channels != 3 || buffer.width == 0 {
            buffer.reshape(width: max(1, info.width), height: max(1, info.height), channels: 3)
        }
        for _ in 0..<2 {
            var image = buffer.shimImage
            var meta = cvs_frame_meta()
            let status = cvs_capture_read(handle, &image, &meta)
            switch status {
            case CVS_OK:
                return FramePosition(milliseconds: meta.position_ms >= 0 ? meta.position_ms : nil)
            case CVS_END:
                return nil
            case CVS_E_BUFFER:
                // The stream changed size: resize once and take the kept frame.
                buffer.reshape(width: Int(meta.width), height: Int(meta.height), channels: 3)
            default:
                throw ShimError(status: status)
            }
        }
        throw ShimError(status: CVS_E_BUFFER)
    }
}

/// Where a decoded frame sits in its footage.
public struct FramePosition: Sendable, Equatable {
    /// The decoder's timestamp in milliseconds, if it has one.
    public var milliseconds: Double?
}
