import Detection
import PixelCore

/// The tracked object an event is about.
public struct TrackPayload: Sendable, Hashable, Codable {
    /// The track's id, stable for the object's life in one camera.
    public var id: Int
    /// Portsight's category.
    public var category: ObjectCategory
    /// The finer kind (`truck`, `car`, `container`).
    public var label: String
    /// The box in frame pixels, encoded as `[x, y, w, h]`.
    public var box: Rect
    /// Confidence in 0...1.
    public var score: Float

    /// Creates a track payload.
    public init(id: Int, category: ObjectCategory, label: String, box: Rect, score: Float) {
        self.id = id
        self.category = category
        self.label = label
        self.box = box
        self.score = score
    }
}
