import Foundation
import PixelCore

/// The sample clip's ground truth (samples/gate.json), as far as the tests read it.
public struct SampleTruth: Decodable, Sendable {
    /// One object's box in one frame.
    public struct Box: Decodable, Sendable {
        public var id: String
        public var category: String
        public var box: Rect
        public var visibleFraction: Double

        enum CodingKeys: String, CodingKey {
            case id, category, box
            case visibleFraction = "visible_fraction"
        }
    }

    /// The boxes of one frame.
    public struct FrameTruth: Decodable, Sendable {
        public var frame: Int
        public var mediaTimeS: Double
        public var boxes: [Box]

        enum CodingKeys: String, CodingKey {
            case frame, boxes
            case mediaTimeS = "media_time_s"
        }
    }

    /// One object of the scene.
    public struct Object: Decodable, Sendable {
        public var id: String
        public var category: String
        public var direction: String
    }

    /// A lighting change.
    public struct LightingChange: Decodable, Sendable {
        public var frame: Int
        public var kind: String
    }

    public var width: Int
    public var height: Int
    public var frameCount: Int
    public var frames: [FrameTruth]
    public var objects: [Object]
    public var lightingChanges: [LightingChange]

    enum CodingKeys: String, CodingKey {
        case width, height, frames, objects
        case frameCount = "frame_count"
        case lightingChanges = "lighting_changes"
    }

    /// Reads `path` (default: the bundled sample's).
    public static func load(_ path: String = Fixtures.sampleTruth) throws -> SampleTruth {
        try JSONDecoder().decode(SampleTruth.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The box of object `id` in frame `frame`, if it is in view.
    public func box(of id: String, frame: Int) -> Rect? {
        frames.first { $0.frame == frame }?.boxes.first { $0.id == id }?.box
    }
}

extension Rect {
    /// True when the pixel is inside the box.
    public func contains(x px: Int, y py: Int) -> Bool { x <= px && px < maxX && y <= py && py < maxY }
}
