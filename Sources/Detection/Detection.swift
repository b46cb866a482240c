import PixelCore

/// One object found in one frame, in the frame's pixel coordinates.
public struct Detection: Sendable, Hashable, Codable {
    /// Portsight's category.
    public var category: ObjectCategory
    /// The finer kind: the model's label mapped by the category map (`truck`, `car`, `container`).
    public var label: String
    /// Confidence in 0...1.
    public var score: Float
    /// The box in frame pixels, encoded as `[x, y, w, h]`.
    public var box: Rect
    /// Which route found it.
    public var source: DetectionSource

    /// Creates a detection.
    public init(category: ObjectCategory, label: String, score: Float, box: Rect, source: DetectionSource = .model) {
        self.category = category
        self.label = label
        self.score = score
        self.box = box
        self.source = source
    }
}
