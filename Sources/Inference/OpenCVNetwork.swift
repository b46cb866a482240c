import CVBridge

/// A network run by OpenCV's `dnn` module.
final class OpenCVNetwork: InferenceNetwork {
    private let net: NeuralNet
    var path: String { net.path }
    var backend: InferenceBackend { .opencv }

    init(_ file: ModelFile) throws(InferenceError) {
        do {
            switch file.format {
            case .onnx: net = try NeuralNet(path: file.path)
            case let .darknet(config): net = try NeuralNet(path: file.path, format: .darknet(config: config))
            }
        } catch {
            throw .cannotLoad(path: file.path, backend: .opencv, reason: error.message)
        }
    }

    func run<T>(_ input: UnsafeBufferPointer<Float>, shape: InputShape, _ body: ([Tensor]) throws -> T) throws -> T {
        do {
            return try net.forward(input, shape: (shape.n, shape.c, shape.h, shape.w), body)
        } catch let error as ShimError {
            throw InferenceError.runFailed(path: path, backend: .opencv, reason: error.message)
        }
    }
}
