import PixelCore

/// A quarter turn of an image, for photos taken with the camera on its side: the text
/// detector and the assembly of fragments expect lines that run left to right.
public enum QuarterTurn: CaseIterable, Sendable {
    /// A quarter turn clockwise (text that ran bottom to top now runs left to right).
    case clockwise
    /// A quarter turn anticlockwise (text that ran top to bottom now runs left to right).
    case anticlockwise

    /// Writes `area` of `image` turned into `output`, which becomes `area.height` x `area.width`.
    public func turn(_ image: ImageView, area: Rect, into output: PixelBuffer) {
        precondition(image.channels == 3, "turns BGR images")
        let width = area.width, height = area.height
        output.reshape(width: height, height: width, channels: 3)
        let base = output.data.assumingMemoryBound(to: UInt8.self)
        for y in 0..<height {
            let source = image.row(area.y + y) + 3 * area.x
            for x in 0..<width {
                // clockwise: (x, y) goes to (height - 1 - y, x); anticlockwise: to (y, width - 1 - x).
                let (tx, ty) = self == .clockwise ? (height - 1 - y, x) : (y, width - 1 - x)
                let target = base + ty * output.stride + 3 * tx
                target[0] = source[3 * x]
                target[1] = source[3 * x + 1]
                target[2] = source[3 * x + 2]
            }
        }
    }

    /// The rectangle in the original image of `rect` in the turned copy of `area`.
    public func original(of rect: Rect, area: Rect) -> Rect {
        switch self {
        case .clockwise:
            return Rect(x: area.x + rect.y, y: area.y + area.height - rect.maxX, width: rect.height, height: rect.width)
        case .anticlockwise:
            return Rect(x: area.x + area.width - rect.maxY, y: area.y + rect.x, width: rect.height, height: rect.width)
        }
    }
}
