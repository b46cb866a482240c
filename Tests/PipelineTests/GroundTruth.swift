import Foundation
import PixelCore

/// The sample clip's ground truth (samples/gate.json), as far as these tests read it.
struct GroundTruth: Decodable {
    struct Box: Decodable {
        var id: String
        var category: String
        var box: Rect
        var visibleFraction: Double

        enum CodingKeys: String, CodingKey {
            case id, category, box
            case visibleFraction = "visible_fraction"
        }
    }

    struct FrameTruth: Decodable {
        var frame: Int
        var boxes: [Box]
    }

    struct LightingChange: Decodable {
        var frame: Int
        var kind: String
    }

    var width: Int
    var height: Int
    var frameCount: Int
    var frames: [FrameTruth]
    var lightingChanges: [LightingChange]

    enum CodingKeys: String, CodingKey {
        case width, height, frames
        case frameCount = "frame_count"
        case lightingChanges = "lighting_changes"
    }

    static func load(_ path: String) throws -> GroundTruth {
        try JSONDecoder().decode(GroundTruth.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

extension Rect {
    func contains(x px: Int, y py: Int) -> Bool { x <= px && px < maxX && y <= py && py < maxY }
}
