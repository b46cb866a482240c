import Detection
import Foundation
import PixelCore

/// The sample clip's ground truth (samples/gate.json): per-frame boxes of each object.
struct GroundTruth: Decodable {
    struct Frame: Decodable {
        var frame: Int
        var mediaTimeS: Double
        var boxes: [Box]
    }

    struct Box: Decodable {
        var id: String
        var category: String
        var box: Rect
        var visibleFraction: Double
    }

    struct Object: Decodable {
        var id: String
        var category: String
        var direction: String
    }

    var width: Int
    var height: Int
    var objects: [Object]
    var frames: [Frame]

    static func load() throws -> GroundTruth {
        guard let root = PackageRoot.url() else { throw CocoaError(.fileNoSuchFile) }
        let data = try Data(contentsOf: root.appendingPathComponent("samples/gate.json"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(GroundTruth.self, from: data)
    }

    /// Portsight's category and label for a ground-truth category.
    static func category(_ name: String) -> (ObjectCategory, String) {
        switch name {
        case "person": (.person, "person")
        case "container": (.container, "container")
        default: (.vehicle, name)
        }
    }
}
