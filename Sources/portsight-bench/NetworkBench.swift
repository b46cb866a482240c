import ArgumentParser
import CommandOptions
import CVBridge
import Foundation
import Inference
import Logging
import Pipeline
import Timing
import Vision

/// `portsight bench networks`: each network through each backend, on the same input.
struct NetworkBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "networks",
        abstract: "Median ms per run of each network (text detector, recogniser, object detector) for each backend and thread count (JSON lines)."
    )

    @OptionGroup var sweep: BackendSweepOptions

    @Option(help: "Runs per setting (after two warm-up runs).")
    var runs = 15

    @Option(help: "Folder with the OCR models.")
    var ocrModels = "models/ocr"

    @Option(help: "Folder with yolov4-tiny/ (scripts/get-models).")
    var models = "models"

    @OptionGroup var global: GlobalOptions

    /// A network as the bench loads it.
    struct Subject {
        var name: String
        var file: ModelFile
        var shape: InputShape
        /// OpenVINO only: OpenCV 4.6 reads no OpenVINO IR.
        var openVINOOnly = false
    }

    func run() throws {
        let logger = global.bootstrapLogging()
        let yolo = DetectorModel.yolov4Tiny(in: models)
        var subjects = [
            Subject(name: "text_det", file: ModelFile(path: "\(ocrModels)/text_det.onnx"), shape: InputShape(c: 3, h: 640, w: 640)),
            Subject(name: "text_rec", file: ModelFile(path: "\(ocrModels)/text_rec.onnx"), shape: InputShape(c: 3, h: 48, w: 320)),
            // What a short line (`PSGU`, `22G1`) runs through: OpenCV 4.6 runs the converted file at 320 only.
            Subject(name: "text_rec", file: ModelFile(path: "\(ocrModels)/text_rec.onnx"), shape: InputShape(c: 3, h: 48, w: 160),
                    openVINOOnly: true),
        ]
        let f32 = DetectorModel.yolov4Tiny(in: models, precision: .f32)
        if case let .darknet(config) = f32.kind, FileManager.default.fileExists(atPath: f32.path) {
            for size in [416, 736] {
                let shape = InputShape(c: 3, h: size, w: size)
                subjects.append(Subject(name: "yolov4-tiny", file: ModelFile(path: f32.path, format: .darknet(config: config),
                                                                            openVINOPath: f32.openVINOPath), shape: shape))
                if let int8 = yolo.openVINOPath, int8 != f32.openVINOPath {
                    subjects.append(Subject(name: "yolov4-tiny int8", file: ModelFile(path: int8), shape: shape, openVINOOnly: true))
                }
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for subject in subjects {
            for backend in sweep.backendList where backend == .openvino || !subject.openVINOOnly {
                for threads in sweep.threadList {
                    let result = try measure(subject, backend: backend, threads: threads, logger: logger)
                    print(String(decoding: try encoder.encode(result), as: UTF8.self))
                }
            }
        }
    }

    private func measure(_ subject: Subject, backend: InferenceBackend, threads: Int, logger: Logger) throws -> NetworkBenchResult {
        let network: any InferenceNetwork
        do {
            let engine = try InferenceEngine.start(InferenceSettings(backend: backend, threads: threads), logger: logger)
            if backend == .opencv { setOpenCVThreads(threads) }
            network = try engine.load(subject.file, shape: subject.shape)
        } catch {
            throw fail("\(error)")
        }
        // A fixed pattern in the range the readers feed: the time does not depend on the values.
        let input = (0..<subject.shape.count).map { Float(($0 * 7919) % 255) / 127.5 - 1 }
        let clock = ContinuousClock()
        var times: [Double] = []
        try input.withUnsafeBufferPointer { pointer in
            for index in 0..<(runs + 2) {
                let start = clock.now
                try network.run(pointer, shape: subject.shape) { _ in }
                if index >= 2 { times.append((clock.now - start).inMilliseconds) }
            }
        }
        return NetworkBenchResult(network: subject.name, input: subject.shape.description, backend: network.backend.rawValue,
                                  threads: threads, runs: runs, medianMs: median(times))
    }
}

struct NetworkBenchResult: Encodable {
    var network: String
    var input: String
    var backend: String
    var threads: Int
    var runs: Int
    var medianMs: Double

    enum CodingKeys: String, CodingKey {
        case network, input, backend, threads, runs
        case medianMs = "median_ms"
    }
}
