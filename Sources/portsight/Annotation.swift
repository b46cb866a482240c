import CommandOptions
import CVBridge
import Detection
import Foundation
import PixelCore

/// Drawing what was found onto a copy of a frame, for people to look at.
enum Annotation {
    /// Draws each detection (colour by category, label and score) and writes a JPEG.
    static func write(_ detections: [Detection], on image: PixelBuffer, to url: URL, codec: ImageCodec) throws {
        try draw(detections, on: image)
        try Data(try codec.encode(image.view, as: .jpeg, quality: 90)).write(to: url)
    }

    /// Draws each detection onto `image` in place.
    static func draw(_ detections: [Detection], on image: PixelBuffer) throws {
        for detection in detections.reversed() {  // highest score drawn last, on top
            let label = "\(detection.label) \(Int((detection.score * 100).rounded()))"
                + (detection.source == .model ? "" : " (\(detection.source.rawValue))")
            try TextGeometry.draw(detection.box, label: label, colour: colour(detection.category), on: image)
        }
    }

    private static func colour(_ category: ObjectCategory) -> (blue: UInt8, green: UInt8, red: UInt8) {
        switch category {
        case .vehicle: (0, 200, 0)
        case .container: (255, 128, 0)
        case .person: (0, 140, 255)
        }
    }
}
