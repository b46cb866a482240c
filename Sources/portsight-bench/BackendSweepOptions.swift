import ArgumentParser
import CommandOptions
import Inference

/// The backends and thread counts a benchmark measures, shared by `bench detector` and `bench networks`.
struct BackendSweepOptions: ParsableArguments {
    @Option(help: "Backends, comma-separated: openvino, opencv.")
    var backends = "openvino,opencv"

    @Option(help: "Thread counts, comma-separated.")
    var threadCounts = "1,2"

    /// The backends named, in order; unknown names are left out.
    var backendList: [InferenceBackend] { backends.split(separator: ",").compactMap { InferenceBackend(rawValue: String($0)) } }
    /// The thread counts named, in order.
    var threadList: [Int] { threadCounts.split(separator: ",").compactMap { Int($0) } }
}
