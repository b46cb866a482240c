import CVBridge
import Foundation
import PixelCore

/// Writes frames as JPEG files for folder-source tests.
struct CVBridgeCodec {
    let codec: ImageCodec

    init() throws { codec = try ImageCodec() }

    func writeJPEG(_ image: ImageView, to url: URL) throws {
        try Data(try codec.encode(image, as: .jpeg, quality: 90)).write(to: url)
    }
}
