import CVBridge
import Foundation
import Logging
import PixelCore

/// Reads a folder of JPEG/PNG images in name order, or a single image, as frames.
///
/// JPEGs are decoded by libjpeg-turbo already shrunk (1/8, 1/4 or 1/2, as far as the pixel core's
/// shrink allows), and straight to grey when grey is asked for: several times cheaper than a
/// full decode followed by a resize. A corrupt image in a folder is skipped and counted; a
/// corrupt single image is an error.
public final class ImageFolderReader: FrameReader {
    /// File name endings read as images.
    public static let imageExtensions: Set<String> = ["jpg", "jpeg", "png"]

    public let name: String
    public private(set) var counters = SourceCounters()
    public var isLive: Bool { false }
    /// The image files, in the order they are read.
    public let files: [String]
    private let request: FrameRequest
    private let fps: Double
    private let isSingleImage: Bool
    private let codec: ImageCodec
    private let bytes = FileBytes()
    private let logger: Logger
    private var position = 0

    /// A reader over `path`, a folder or one image file. Folder images are `1 / fps` seconds apart.
    public init(path: String, request: FrameRequest, fps: Double = 10, logger: Logger) throws(FrameSourceError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw .notFound(path) }
        if isFolder.boolValue {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                throw .cannotOpen(path, reason: "the folder cannot be listed (check permissions)")
            }
            let images = names.filter { Self.imageExtensions.contains(($0 as NSString).pathExtension.lowercased()) }
            counters.ignoredFiles = names.filter { !$0.hasPrefix(".") }.count - images.count
            guard !images.isEmpty else { throw .noImages(path, ignored: counters.ignoredFiles) }
            files = images.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { (path as NSString).appendingPathComponent($0) }
            isSingleImage = false
        } else {
            files = [path]
            isSingleImage = true
        }
        do {
            codec = try ImageCodec()
        } catch {
            throw .readFailed(path, reason: error.description)
        }
        self.name = path
        self.request = request
        self.fps = fps
        self.logger = logger
        counters.expected = files.count
        if counters.ignoredFiles > 0 {
            logger.notice("ignoring files that are not images", metadata: ["folder": "\(path)", "count": "\(counters.ignoredFiles)"])
        }
    }

    public func read(into buffer: PixelBuffer) throws(FrameSourceError) -> FrameInfo? {
        while position < files.count {
            let index = position
            let path = files[index]
            position += 1
            do {
                let header = try decode(path, into: buffer)
                counters.frames += 1
                return FrameInfo(index: index, mediaTime: Double(index) / fps, captureTime: Date(),
                                 frameWidth: header.fullWidth, frameHeight: header.fullHeight)
            } catch let failure {
                if isSingleImage { throw .corruptImage(path, reason: failure.reason) }
                counters.corrupt += 1
                logger.warning("skipping an image that cannot be decoded",
                               metadata: ["file": "\(path)", "reason": "\(failure.reason)"])
            }
        }
        return nil
    }

    /// The largest image decoded, in megapixels: above any camera's photos (a 50-megapixel
    /// camera's included), well below what would exhaust a small box's memory (a 20000x20000
    /// image is 1.2 GB decoded, and hundreds of detector runs).
    public static let maxMegapixels = 100

    private struct Failure: Error {
        let reason: String
    }

    private func decode(_ path: String, into buffer: PixelBuffer) throws(Failure) -> ImageHeader {
        do {
            let data = try bytes.read(path)
            let full = try codec.header(data, scale: 1)
            let megapixels = Double(full.fullWidth) * Double(full.fullHeight) / 1e6
            guard megapixels <= Double(Self.maxMegapixels) else {
                throw Failure(reason: "the image is \(full.fullWidth)x\(full.fullHeight) (\(Int(megapixels)) megapixels); "
                              + "Portsight decodes images of up to \(Self.maxMegapixels) megapixels: scale it down first")
            }
            let scale = Self.scale(fullHeight: full.fullHeight, workHeight: request.workHeight, type: full.type)
            return try codec.decode(data, scale: scale, format: request.format == .gray ? .gray : .bgr, into: buffer)
        } catch let error as Failure {
            throw error
        } catch let error as ShimError {
            throw Failure(reason: error.description)
        } catch {
            throw Failure(reason: "\(error)")
        }
    }

    /// The largest JPEG scale denominator that divides the pixel core's shrink factor, so the
    /// decoded image shrinks the rest of the way by a whole factor.
    static func scale(fullHeight: Int, workHeight: Int, type: ImageType) -> Int {
        guard type == .jpeg, workHeight > 0 else { return 1 }
        let factor = MotionSettings.shrinkFactor(frameHeight: fullHeight, workHeight: workHeight)
        return [8, 4, 2].first { factor % $0 == 0 } ?? 1
    }
}
