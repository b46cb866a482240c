import CVBridge
import Foundation
import FrameSources
import PixelCore

/// Annotated JPEG snapshots for events: the part of the frame around the object, with its box
/// drawn, small enough to keep one per event; and plain close-ups of what was read (a plate, a
/// code). Buffers are reused between snapshots.
final class SnapshotMaker {
    private let codec: ImageCodec
    private let crop = PixelBuffer()

    init() throws(ShimError) {
        codec = try ImageCodec()
    }

    /// The frame around `box` (grown by half its size on each side), with `box` drawn and
    /// labelled; nil for grey frames, which the detector never sees.
    func snapshot(of frame: Frame, box: Rect, label: String) -> Data? {
        let image = frame.image
        guard image.channels == 3 else { return nil }
        let area = box.padded(by: max(box.width, box.height) / 2, within: image.width, image.height)
        guard area.width > 0, area.height > 0 else { return nil }
        crop.copy(from: ImageView(data: image.data + area.y * image.stride + area.x * 3, width: area.width,
                                  height: area.height, channels: 3, stride: image.stride))
        let local = Rect(x: box.x - area.x, y: box.y - area.y, width: box.width, height: box.height)
        do {
            try TextGeometry.draw(local, label: label, colour: (0, 200, 255), on: crop)
            return Data(try codec.encode(crop.view, as: .jpeg, quality: 80))
        } catch {
            return nil
        }
    }

    /// `box` of `image` (BGR) with a margin of half its height, as it was seen: the evidence of a
    /// read. Nil for grey images or an empty box.
    func closeUp(of image: ImageView, box: Rect) -> Data? {
        guard image.channels == 3 else { return nil }
        let area = box.padded(by: max(4, box.height / 2), within: image.width, image.height)
        guard area.width > 0, area.height > 0 else { return nil }
        crop.copy(from: ImageView(data: image.data + area.y * image.stride + area.x * 3, width: area.width,
                                  height: area.height, channels: 3, stride: image.stride))
        return try? Data(codec.encode(crop.view, as: .jpeg, quality: 85))
    }
}
