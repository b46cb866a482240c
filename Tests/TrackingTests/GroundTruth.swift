import Detection
import TestSupport

/// The sample clip's ground truth (samples/gate.json), as these tests read it.
typealias GroundTruth = SampleTruth

extension SampleTruth {
    typealias Frame = FrameTruth

    /// Portsight's category and label for a ground-truth category.
    static func category(_ name: String) -> (ObjectCategory, String) {
        switch name {
        case "person": (.person, "person")
        case "container": (.container, "container")
        default: (.vehicle, name)
        }
    }
}
