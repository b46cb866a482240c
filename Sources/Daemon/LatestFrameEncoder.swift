import CVBridge
import Detection
import Foundation
import PixelCore

/// The camera's latest frame as an annotated JPEG, for `/cameras/{id}/snapshot.jpg` and the status
/// page. Made once a second, not per frame: a copy and an encode cost milliseconds.
final class LatestFrameEncoder {
    private let codec: ImageCodec?
    private let copy = PixelBuffer()

    init() {
        codec = try? ImageCodec()
    }

    /// A camera without detection decodes grey (shrunk for the pixel core): it gets a grey picture,
    /// with no boxes to draw.
    func jpeg(of image: ImageView, detections: [Detection]) -> Data? {
        guard let codec, image.channels == 3 || image.channels == 1 else { return nil }
        copy.copy(from: image)
        for detection in detections where image.channels == 3 {
            try? TextGeometry.draw(detection.box, label: "\(detection.label) \(Int((detection.score * 100).rounded()))",
                                   colour: detection.category == .container ? (255, 128, 0) : (0, 200, 0), on: copy)
        }
        return (try? codec.encode(copy.view, as: .jpeg, quality: 75)).map { Data($0) }
    }
}
