import CVShim
import Foundation

/// A model file format `NeuralNet` loads.
public enum ModelFormat: Sendable, Equatable {
    /// An ONNX file.
    case onnx
    /// A Darknet `.weights` file with its `.cfg`.
    case darknet(config: String)
}

/// A network loaded into OpenCV's `dnn` module, run on the CPU.
public final class NeuralNet {
    private let handle: OpaquePointer
    private var outputs = [cvs_tensor](repeating: cvs_tensor(), count: 8)
    /// The model file.
    public let path: String

    /// Loads `path`; a missing file or one OpenCV 4.6 cannot load throws `ShimError` of kind `.open`
    /// with the file's name.
    public init(path: String, format: ModelFormat = .onnx) throws(ShimError) {
        var raw: OpaquePointer?
        switch format {
        case .onnx:
            try check(cvs_net_load(Int32(CVS_NET_ONNX.rawValue), path, nil, &raw))
        case let .darknet(config):
            try check(cvs_net_load(Int32(CVS_NET_DARKNET.rawValue), path, config, &raw))
        }
        guard let raw else { throw ShimError(status: CVS_E_INTERNAL) }
        handle = raw
        self.path = path
    }

    deinit { cvs_net_free(handle) }

    /// Runs the network on an NCHW float input of `shape` and hands the outputs to `body`. The
    /// tensors are the network's own memory: valid only inside `body`.
    public func forward<T>(_ input: UnsafeBufferPointer<Float>, shape: (n: Int, c: Int, h: Int, w: Int),
                           _ body: ([Tensor]) throws -> T) throws -> T {
        precondition(input.count == shape.n * shape.c * shape.h * shape.w, "input does not match its shape")
        var count: Int32 = 0
        let capacity = Int32(outputs.count)
        let status = outputs.withUnsafeMutableBufferPointer {
            cvs_net_forward(handle, input.baseAddress, Int32(shape.n), Int32(shape.c), Int32(shape.h), Int32(shape.w),
                            $0.baseAddress, capacity, &count)
        }
        try check(status)
        let tensors = outputs.prefix(Int(min(count, capacity))).map { raw in
            let dims = Int(raw.dims)
            let shape = withUnsafeBytes(of: raw.shape) { Array($0.bindMemory(to: Int32.self).prefix(dims)).map(Int.init) }
            return Tensor(data: UnsafeBufferPointer(start: raw.data, count: shape.reduce(1, *)), shape: shape)
        }
        return try body(tensors)
    }
}

/// A borrowed float32 tensor, row-major.
public struct Tensor {
    /// The values.
    public let data: UnsafeBufferPointer<Float>
    /// The size of each dimension.
    public let shape: [Int]

    /// A view of `data` as a tensor of `shape`.
    public init(data: UnsafeBufferPointer<Float>, shape: [Int]) {
        self.data = data
        self.shape = shape
    }
}
