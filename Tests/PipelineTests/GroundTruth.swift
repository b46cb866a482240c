import TestSupport

/// The sample's ground truth, under the name these tests grew up with.
typealias GroundTruth = SampleTruth
