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

    func jpeg(of image: ImageView, detections: [Detection]) -> Data? {
        guard let codec, image.channels == 3 else { return nil }
        copy.copy(from: image)
        for detection in detections {
            try? TextGeometry.draw(detection.box, label: "\(detection.label) \(Int((detection.score * 100).rounded()))",
                                   colour: detection.category == .container ? (255, 128, 0) : (0, 200, 0), on: copy)
        }
        return (try? codec.encode(copy.view, as: .jpeg, quality: 75)).map { Data($0) }
    }
}
