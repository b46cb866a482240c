import PixelCore

/// One way of running the text detector over an area: the detector's input is a fixed square,
/// so a large area is shrunk and small text in it vanishes; finer passes cut it into tiles.
public enum DetectionPass: CaseIterable, Sendable {
    /// The whole area in one run, shrunk to the detector's input.
    case whole
    /// Four overlapping tiles, each 3/5 of the area: about twice the whole pass's resolution.
    case quarters
    /// Overlapping tiles of the detector's input size at full resolution, for text only a few
    /// dozen pixels high in a large photo (a yard of reefers shot from 15 m); larger tiles in
    /// photos over four inputs long, to bound the cost.
    case native

    /// True when the pass sees the area at a useful finer scale than the passes before it.
    public func applies(to area: Rect, inputSize: Int) -> Bool {
        let long = max(area.width, area.height)
        switch self {
        case .whole: return true
        case .quarters: return long > 2 * inputSize
        case .native: return long * 4 > inputSize * 5
        }
    }

    /// The regions the detector runs on, in image pixels.
    public func tiles(of area: Rect, inputSize: Int) -> [Rect] {
        switch self {
        case .whole:
            return [area]
        case .quarters:
            let width = area.width * 3 / 5, height = area.height * 3 / 5
            return [(0, 0), (1, 0), (0, 1), (1, 1)].map { fx, fy in
                Rect(x: area.x + fx * (area.width - width), y: area.y + fy * (area.height - height), width: width, height: height)
            }
        case .native:
            // Full resolution up to a long side of four inputs; beyond, at most five tiles a
            // side, so that a 12-megapixel photo costs 20 runs rather than 48.
            let side = max(inputSize, max(area.width, area.height) / 4)
            return Self.starts(area.height, side: side).flatMap { y in
                Self.starts(area.width, side: side).map { x in
                    Rect(x: area.x + x, y: area.y + y, width: min(side, area.width), height: min(side, area.height))
                }
            }
        }
    }

    /// Evenly spread starts of tiles of `side` over `length`, overlapping by at least a fifth so
    /// that a code cut by one tile's edge lies whole in the next.
    static func starts(_ length: Int, side: Int) -> [Int] {
        guard length > side else { return [0] }
        let step = side * 4 / 5
        let count = (length - side + step - 1) / step + 1
        return (0..<count).map { $0 * (length - side) / (count - 1) }
    }
}
