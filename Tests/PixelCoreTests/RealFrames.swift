import CVBridge
import Foundation
import PixelCore
import TestSupport

/// Real frames for kernel comparisons: a few frames of the sample clip, of each real clip and
/// real photos when ../shared/realdata is there.
enum RealFrames {
    /// Decoded BGR frames with a label saying where each came from.
    static func load(framesPerClip: Int = 3) throws -> [(label: String, buffer: PixelBuffer)] {
        var frames: [(String, PixelBuffer)] = []
        for clip in [Fixtures.sampleClip] + Fixtures.realVideos {
            let capture = try VideoCapture(uri: clip, kind: .file)
            for index in 0..<(framesPerClip * 20) {
                let buffer = PixelBuffer()
                guard try capture.read(into: buffer) != nil else { break }
                if index % 20 == 19 { frames.append(("\((clip as NSString).lastPathComponent)#\(index)", buffer)) }
            }
        }
        let codec = try ImageCodec()
        for image in Fixtures.realImages {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: image)))
            let buffer = PixelBuffer()
            try codec.decode(bytes, format: .bgr, into: buffer)
            frames.append(((image as NSString).lastPathComponent, buffer))
        }
        return frames
    }

    /// Consecutive frames of one clip (BGR).
    static func sequence(_ clip: String, count: Int) throws -> [PixelBuffer] {
        let capture = try VideoCapture(uri: clip, kind: .file)
        var frames: [PixelBuffer] = []
        while frames.count < count {
            let buffer = PixelBuffer()
            guard try capture.read(into: buffer) != nil else { break }
            frames.append(buffer)
        }
        return frames
    }
}

/// Differences between two grey images of the same size.
struct ImageDifference {
    var maximum = 0
    var mean = 0.0
    var differing = 0

    init(_ a: ImageView, _ b: ImageView) {
        precondition(a.width == b.width && a.height == b.height && a.channels == b.channels)
        var total = 0
        for y in 0..<a.height {
            for x in 0..<(a.width * a.channels) {
                let d = abs(Int(a.row(y)[x]) - Int(b.row(y)[x]))
                maximum = max(maximum, d)
                total += d
                if d != 0 { differing += 1 }
            }
        }
        mean = Double(total) / Double(a.width * a.height * a.channels)
    }
}
