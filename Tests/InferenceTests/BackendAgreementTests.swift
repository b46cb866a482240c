import CVBridge
import Foundation
import Inference
import Logging
import PixelCore
import Testing
import TestSupport

/// OpenVINO named by the configuration, or nil where it is not installed (the tests that need it
/// are then skipped, unless scripts/test asks for them).
let openVINOEngine: InferenceEngine? = try? InferenceEngine.start(
    InferenceSettings(backend: .openvino, threads: 1), logger: Logger(label: "portsight.tests"))
let openVINOTestsEnabled = openVINOEngine != nil || Fixtures.requireOpenVINO

/// Frame `index` of the sample clip, cut to `width` x `height` from (x, y) and turned into NCHW floats
/// with `scale` and `offset` (BGR planes, as the readers feed their networks, or RGB as the detector takes them).
func sampleInput(frame index: Int = 60, x: Int, y: Int, width: Int, height: Int, scale: Float, offset: Float,
                 rgb: Bool = false) throws -> [Float] {
    let capture = try VideoCapture(uri: Fixtures.sampleClip, kind: .file)
    let frame = PixelBuffer()
    for _ in 0...index { _ = try capture.read(into: frame) }
    var input = [Float](repeating: 0, count: 3 * width * height)
    let view = frame.view
    for c in 0..<3 {
        for row in 0..<height {
            let pixels = view.row(y + row)
            for column in 0..<width {
                let value = Float(pixels[(x + column) * 3 + (rgb ? 2 - c : c)])
                input[(c * height + row) * width + column] = value * scale + offset
            }
        }
    }
    return input
}

/// The outputs of `file` on `input`, copied out of the network.
func outputs(of file: ModelFile, engine: InferenceEngine, input: [Float], shape: InputShape) throws -> [[Float]] {
    let network = try engine.load(file, shape: shape)
    return try input.withUnsafeBufferPointer { pointer in
        try network.run(pointer, shape: shape) { tensors in tensors.map { Array($0.data) } }
    }
}

/// The largest absolute difference between two outputs of the same shape.
func largestDifference(_ a: [Float], _ b: [Float]) -> Float {
    zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

@Suite("OpenVINO and OpenCV run the same model files to the same outputs", .enabled(if: openVINOTestsEnabled))
struct BackendAgreementTests {
    let models = Fixtures.root.appendingPathComponent("models/ocr")

    @Test("the text detector's probability map")
    func textDetector() throws {
        let engine = try #require(openVINOEngine, "OpenVINO is not installed: run scripts/get-openvino")
        let shape = InputShape(c: 3, h: 640, w: 640)
        // A 640x640 cut of the sample frame, normalised to roughly -2...2 like the reader's input.
        let input = try sampleInput(x: 320, y: 40, width: 640, height: 640, scale: 1 / (255 * 0.226), offset: -2.04)
        let file = ModelFile(path: models.appendingPathComponent("text_det.onnx").path)
        let viaOpenVINO = try outputs(of: file, engine: engine, input: input, shape: shape)
        let viaOpenCV = try outputs(of: file, engine: .openCV(), input: input, shape: shape)
        try #require(viaOpenVINO.count == 1 && viaOpenCV.count == 1)
        #expect(viaOpenVINO[0].count == 640 * 640 && viaOpenCV[0].count == 640 * 640)
        // The map must hold text somewhere, or the comparison proves nothing.
        #expect((viaOpenVINO[0].max() ?? 0) > 0.5)
        let difference = largestDifference(viaOpenVINO[0], viaOpenCV[0])
        print("text_det.onnx: largest difference OpenVINO vs OpenCV \(difference)")
        #expect(difference < 5e-3)
    }

    @Test("the text recogniser's class scores")
    func textRecognizer() throws {
        let engine = try #require(openVINOEngine, "OpenVINO is not installed: run scripts/get-openvino")
        let shape = InputShape(c: 3, h: 48, w: 320)
        let input = try sampleInput(x: 500, y: 300, width: 320, height: 48, scale: 1 / 127.5, offset: -1)
        let file = ModelFile(path: models.appendingPathComponent("text_rec.onnx").path)
        let viaOpenVINO = try outputs(of: file, engine: engine, input: input, shape: shape)
        let viaOpenCV = try outputs(of: file, engine: .openCV(), input: input, shape: shape)
        try #require(viaOpenVINO.count == 1 && viaOpenCV.count == 1)
        #expect(viaOpenVINO[0].count == viaOpenCV[0].count && viaOpenVINO[0].count > 40 * 6000)
        let difference = largestDifference(viaOpenVINO[0], viaOpenCV[0])
        print("text_rec.onnx: largest difference OpenVINO vs OpenCV \(difference)")
        #expect(difference < 2e-3)
    }

    @Test("YOLOv4-tiny: the Darknet files in OpenCV and their ONNX conversion in OpenVINO")
    func objectDetector() throws {
        let engine = try #require(openVINOEngine, "OpenVINO is not installed: run scripts/get-openvino")
        let folder = Fixtures.root.appendingPathComponent("models/yolov4-tiny")
        let onnx = folder.appendingPathComponent("yolov4-tiny.onnx").path
        try #require(FileManager.default.fileExists(atPath: onnx), "run scripts/get-models to convert the detector")
        for size in [416, 608] {
            let shape = InputShape(c: 3, h: size, w: size)
            // A square of the sample frame with the truck in it, planes scaled to 0...1 as the detector feeds it.
            let input = try sampleInput(frame: 100, x: 0, y: 720 - size, width: size, height: size, scale: 1 / 255, offset: 0,
                                        rgb: true)
            let darknet = ModelFile(path: folder.appendingPathComponent("yolov4-tiny.weights").path,
                                    format: .darknet(config: folder.appendingPathComponent("yolov4-tiny.cfg").path))
            let viaOpenCV = try outputs(of: darknet, engine: .openCV(), input: input, shape: shape)
            let viaOpenVINO = try outputs(of: ModelFile(path: onnx), engine: engine, input: input, shape: shape)
            try #require(viaOpenCV.count == 2 && viaOpenVINO.count == 2)
            for (a, b) in zip(viaOpenCV, viaOpenVINO) {
                #expect(a.count == b.count && a.count % 85 == 0)
                let difference = largestDifference(a, b)
                print("yolov4-tiny at \(size): largest difference OpenCV (Darknet) vs OpenVINO (ONNX) \(difference)")
                #expect(difference < 1e-3)
            }
            // The crop cuts the truck, so scores stay low; still, something must stand out, or the
            // comparison proves little.
            let objectness = viaOpenVINO.flatMap { output in stride(from: 4, to: output.count, by: 85).map { output[$0] } }
            print("yolov4-tiny at \(size): highest objectness \(objectness.max() ?? 0)")
            #expect((objectness.max() ?? 0) > 0.1)
        }
    }
}

