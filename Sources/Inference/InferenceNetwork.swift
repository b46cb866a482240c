import CVBridge

/// A loaded network: one input, float32 outputs. Not thread-safe: one caller at a time.
public protocol InferenceNetwork: AnyObject {
    /// The file it was loaded from.
    var path: String { get }
    /// The library that runs it.
    var backend: InferenceBackend { get }
    /// Runs the network on `input` (NCHW float32 of `shape`) and hands the outputs to `body`. The
    /// tensors are the network's own memory: valid only inside `body`.
    func run<T>(_ input: UnsafeBufferPointer<Float>, shape: InputShape, _ body: ([Tensor]) throws -> T) throws -> T
}
