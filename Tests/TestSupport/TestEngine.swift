import Foundation
import Inference
import Logging

extension Fixtures {
    /// The inference engine tests load networks with: the product's default, OpenVINO where
    /// scripts/get-openvino installed it, OpenCV otherwise.
    public static let engine: InferenceEngine =
        (try? InferenceEngine.start(InferenceSettings(), logger: Logger(label: "portsight.tests"))) ?? .openCV()

    /// True when scripts/test asks every OpenVINO test to run (it installs OpenVINO first), so a
    /// missing install fails them instead of skipping them.
    public static var requireOpenVINO: Bool { ProcessInfo.processInfo.environment["PORTSIGHT_TEST_REQUIRE_OPENVINO"] == "1" }
}
