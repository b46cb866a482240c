/// How far the code reader looks when the whole view gives no sure code.
public enum ReadDepth: String, Sendable, CaseIterable {
    /// The whole view and, for areas over twice the detector's input, its four quarters: at most
    /// five detector runs (about a second). For a camera, which reads each track on many frames
    /// and votes, and must not fall behind while it reads.
    case quick
    /// Every pass: full-resolution tiles too, and quarter turns for photos taken on their side.
    /// For a still photo read once.
    case thorough
}
