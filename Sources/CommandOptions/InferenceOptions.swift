import ArgumentParser
import Inference
import Logging

/// The options that choose how networks run, shared by `read`, `detect`, `replay` and the benchmarks.
public struct InferenceOptions: ParsableArguments {
    /// The defaults.
    public init() {}

    @Option(help: "Inference backend: openvino or opencv. Default: OpenVINO where scripts/get-openvino installed it, else OpenCV.")
    public var backend: InferenceBackend?

    @Option(help: "Threads each network may use for one run.")
    public var inferenceThreads = 1

    public func validate() throws {
        guard inferenceThreads >= 1 else { throw ValidationError("--inference-threads must be at least 1") }
    }

    /// Starts the engine; a backend asked for by name that cannot be used is an error.
    public func makeEngine(logger: Logger) throws -> InferenceEngine {
        do {
            return try InferenceEngine.start(InferenceSettings(backend: backend, threads: inferenceThreads), logger: logger)
        } catch {
            throw fail(error.description)
        }
    }
}

extension InferenceBackend: ExpressibleByArgument {}
