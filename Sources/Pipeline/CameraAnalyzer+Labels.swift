import Detection
import PixelCore
import Tracking

/// A track as an annotated replay draws it: its box and what is known of it.
public struct TrackLabel: Sendable, Equatable {
    /// The track's box in the frame.
    public var box: Rect
    /// Its category.
    public var category: ObjectCategory
    /// `truck 3`, with its plate and code once decided.
    public var text: String
}

extension CameraAnalyzer {
    /// The confirmed tracks of the last frame, labelled with what was read on them so far.
    public var trackLabels: [TrackLabel] {
        lastConfirmed.map { track in
            var parts = ["\(track.label) \(track.id)"]
            if let plate = plateReading[track.id]?.voter.decision() { parts.append(plate.text + (plate.needsReview ? "?" : "")) }
            if let code = decidedCode(track.id) { parts.append(code) }
            return TrackLabel(box: track.box, category: track.category, text: parts.joined(separator: " "))
        }
    }
}
