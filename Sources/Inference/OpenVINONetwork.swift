import CVBridge
import OVShim

/// A network compiled by OpenVINO for the CPU, with one infer request. The model is compiled for
/// one input shape; a run with another shape compiles it again (a detector keeps its input size).
final class OpenVINONetwork: InferenceNetwork {
    let path: String
    var backend: InferenceBackend { .openvino }
    private let runtime: OpenVINORuntime
    private let options: ovs_compile_options
    private var model: OpaquePointer
    private var request: OpaquePointer
    private var shape: InputShape
    private var outputs: [Tensor] = []

    init(runtime: OpenVINORuntime, path: String, shape: InputShape, threads: Int) throws(InferenceError) {
        self.runtime = runtime
        self.path = path
        self.shape = shape
        options = ovs_compile_options(threads: Int32(threads), streams: 1, throughput: 0)
        (model, request) = try Self.compile(runtime: runtime, path: path, shape: shape, options: options)
        outputs.reserveCapacity(Int(ovs_model_outputs(model)))
    }

    deinit {
        ovs_request_free(request)
        ovs_model_free(model)
    }

    private static func compile(runtime: OpenVINORuntime, path: String, shape: InputShape,
                                options: ovs_compile_options) throws(InferenceError) -> (OpaquePointer, OpaquePointer) {
        let dims: [Int64] = [Int64(shape.n), Int64(shape.c), Int64(shape.h), Int64(shape.w)]
        var model: OpaquePointer?
        guard ovs_model_compile(runtime.handle, path, dims, 4, options, &model) == OVS_OK, let model else {
            throw .cannotLoad(path: path, backend: .openvino, reason: String(cString: ovs_last_error()))
        }
        var request: OpaquePointer?
        guard ovs_request_create(model, &request) == OVS_OK, let request else {
            let reason = String(cString: ovs_last_error())
            ovs_model_free(model)
            throw .cannotLoad(path: path, backend: .openvino, reason: reason)
        }
        return (model, request)
    }

    func run<T>(_ input: UnsafeBufferPointer<Float>, shape: InputShape, _ body: ([Tensor]) throws -> T) throws -> T {
        precondition(input.count == shape.count, "input does not match its shape")
        if shape != self.shape {
            let (newModel, newRequest) = try Self.compile(runtime: runtime, path: path, shape: shape, options: options)
            ovs_request_free(request)
            ovs_model_free(model)
            (model, request, self.shape) = (newModel, newRequest, shape)
        }
        guard ovs_request_set_input(request, input.baseAddress, Int64(input.count)) == OVS_OK,
              ovs_request_infer(request) == OVS_OK else {
            throw InferenceError.runFailed(path: path, backend: .openvino, reason: String(cString: ovs_last_error()))
        }
        outputs.removeAll(keepingCapacity: true)
        for index in 0..<ovs_model_outputs(model) {
            var tensor = ovs_tensor()
            guard ovs_request_output(request, index, &tensor) == OVS_OK else {
                throw InferenceError.runFailed(path: path, backend: .openvino, reason: String(cString: ovs_last_error()))
            }
            let rank = Int(tensor.rank)
            let dims = withUnsafeBytes(of: tensor.shape) { Array($0.bindMemory(to: Int64.self).prefix(rank)).map(Int.init) }
            outputs.append(Tensor(data: UnsafeBufferPointer(start: tensor.data, count: dims.reduce(1, *)), shape: dims))
        }
        return try body(outputs)
    }
}
