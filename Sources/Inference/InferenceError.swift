/// Why a network cannot be loaded or run, naming the file and what to do.
public enum InferenceError: Error, Equatable, CustomStringConvertible {
    /// The backend asked for by name cannot be used on this machine.
    case backendUnavailable(InferenceBackend, reason: String)
    /// The model file is missing, does not parse or cannot be compiled.
    case cannotLoad(path: String, backend: InferenceBackend, reason: String)
    /// A run failed.
    case runFailed(path: String, backend: InferenceBackend, reason: String)

    public var description: String {
        switch self {
        case let .backendUnavailable(backend, reason):
            "inference backend \(backend) cannot be used: \(reason)"
        case let .cannotLoad(path, backend, reason):
            "cannot load model \(path) with \(backend): \(reason)"
        case let .runFailed(path, backend, reason):
            "model \(path) failed to run with \(backend): \(reason)"
        }
    }
}
