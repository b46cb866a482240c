import CVBridge
import Foundation
import PixelCore

/// Writes the first `count` frames of the sample clip as JPEGs into `folder` (frame_0000.jpg, ...).
public func writeSampleJPEGs(count: Int, to folder: URL, every step: Int = 1) throws -> [String] {
    let capture = try VideoCapture(uri: Fixtures.sampleClip, kind: .file)
    let codec = try ImageCodec()
    let buffer = PixelBuffer()
    var names: [String] = []
    var index = 0
    while names.count < count, try capture.read(into: buffer) != nil {
        if index % step == 0 {
            let name = String(format: "frame_%04d.jpg", names.count)
            try Data(try codec.encode(buffer.view, as: .jpeg, quality: 90)).write(to: folder.appendingPathComponent(name))
            names.append(name)
        }
        index += 1
    }
    return names
}
