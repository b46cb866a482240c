import Foundation
import PixelCore

/// Where and when a frame was taken.
public struct FrameInfo: Sendable, Equatable {
    /// Position in the footage, counting from 0 (frames skipped as corrupt keep their numbers).
    public var index: Int
    /// Position in the footage in seconds: the decoder's timestamp, or index / fps.
    public var mediaTime: Double
    /// Wall-clock time the frame was read.
    public var captureTime: Date
    /// The footage's full frame size; the pixels may be smaller (scaled JPEG decode).
    public var frameWidth: Int
    /// The footage's full frame size.
    public var frameHeight: Int
    /// For grey pixels: their value range (video luma is usually 16-235).
    public var lumaRange: LumaRange

    /// Creates frame metadata.
    public init(index: Int, mediaTime: Double, captureTime: Date, frameWidth: Int, frameHeight: Int,
                lumaRange: LumaRange = .full) {
        self.index = index
        self.mediaTime = mediaTime
        self.captureTime = captureTime
        self.frameWidth = frameWidth
        self.frameHeight = frameHeight
        self.lumaRange = lumaRange
    }
}

/// A frame handed out by a `FrameSource`: its metadata and a buffer that stays valid until the
/// source's next call.
public struct Frame {
    /// Where and when.
    public var info: FrameInfo
    /// The pixels (BGR or grey, as requested).
    public var buffer: PixelBuffer
    /// A view of the pixels.
    public var image: ImageView { buffer.view }

    /// A frame of `buffer` with its metadata.
    public init(info: FrameInfo, buffer: PixelBuffer) {
        self.info = info
        self.buffer = buffer
    }
}

/// What a source has counted so far.
public struct SourceCounters: Sendable, Equatable {
    /// Frames decoded and handed on.
    public var frames = 0
    /// Frames or images that could not be decoded and were skipped.
    public var corrupt = 0
    /// Files in an image folder that are not images (by name) and were ignored.
    public var ignoredFiles = 0
    /// Frames a live source read but threw away because the pipeline was still busy.
    public var dropped = 0
    /// Frames the container said it holds, when it says.
    public var expected: Int?
    /// True when a video ended well before the frame count its container states.
    public var truncated = false

    /// All zero.
    public init() {}
}

/// How the pipeline wants its pixels. Sources that can decode smaller (JPEG) use it to decode less.
public struct FrameRequest: Sendable, Equatable {
    /// Pixel layout.
    public var format: PixelFormat
    /// The pixel core's working height: frames will be shrunk by
    /// `MotionSettings.shrinkFactor(frameHeight:workHeight:)`, so a source may decode smaller by
    /// any power of two that divides that factor. 0 asks for full resolution.
    public var workHeight: Int

    /// A request.
    public init(format: PixelFormat = .bgr, workHeight: Int = 0) {
        self.format = format
        self.workHeight = workHeight
    }

    /// Full-resolution BGR.
    public static let fullColour = FrameRequest()
}

/// Pixel layouts a source can deliver.
public enum PixelFormat: String, Sendable, Equatable, Codable {
    /// 3 channels, BGR order.
    case bgr
    /// 1 channel.
    case gray
}
