import Foundation
import Inference
import Logging
import Testing
import TestSupport

@Suite("Missing runtimes and bad model files give errors that name them")
struct BadModelTests {
    @Test("OpenVINO asked for by name where it is not installed says what to run")
    func missingRuntimeByName() throws {
        let empty = try Fixtures.temporaryFolder()
        #expect {
            _ = try InferenceEngine.start(InferenceSettings(backend: .openvino, openVINODirectory: empty.path),
                                          logger: Logger(label: "test"))
        } throws: { error in
            guard case let .backendUnavailable(backend, reason) = error as? InferenceError else { return false }
            return backend == .openvino && reason.contains(empty.path)
        }
    }

    @Test("by default a missing OpenVINO falls back to OpenCV and says what to run")
    func missingRuntimeFallsBack() throws {
        let empty = try Fixtures.temporaryFolder()
        let engine = try InferenceEngine.start(InferenceSettings(openVINODirectory: empty.path), logger: Logger(label: "test"))
        #expect(engine.backend == .opencv)
        #expect(engine.fallbackReason?.contains(empty.path) == true)
        // An installed one is found where scripts/get-openvino puts it.
        let searched = OpenVINORuntime.candidateDirectories(environment: [:])
        #expect(searched.contains(FileManager.default.currentDirectoryPath + "/.deps/openvino"))
    }

    @Test("an empty, cut-short or foreign model file is refused by both backends, naming the file",
          .enabled(if: openVINOTestsEnabled))
    func corruptFiles() throws {
        let openVINO = try #require(openVINOEngine, "OpenVINO is not installed: run scripts/get-openvino")
        let folder = try Fixtures.temporaryFolder()
        let original = try Data(contentsOf: Fixtures.root.appendingPathComponent("models/ocr/text_rec.onnx"))
        let empty = folder.appendingPathComponent("empty.onnx"), cut = folder.appendingPathComponent("cut.onnx")
        let foreign = folder.appendingPathComponent("photo.onnx"), missing = folder.appendingPathComponent("missing.onnx")
        try Data().write(to: empty)
        try original.prefix(original.count / 3).write(to: cut)
        try Data(repeating: 0xFF, count: 4096).write(to: foreign)
        let shape = InputShape(c: 3, h: 48, w: 320)
        let automatic = try InferenceEngine.start(InferenceSettings(), logger: Logger(label: "test"))
        for file in [empty, cut, foreign, missing] {
            for engine in [openVINO, automatic, InferenceEngine.openCV()] {
                #expect {
                    _ = try engine.load(ModelFile(path: file.path), shape: shape)
                } throws: { error in
                    guard case let .cannotLoad(path, _, _) = error as? InferenceError else { return false }
                    return path == file.path && "\(error)".contains(file.path)
                }
            }
        }
    }

    @Test("a model that loads is run with the backend asked for", .enabled(if: openVINOTestsEnabled))
    func backendInForce() throws {
        let openVINO = try #require(openVINOEngine, "OpenVINO is not installed: run scripts/get-openvino")
        let file = ModelFile(path: Fixtures.root.appendingPathComponent("models/ocr/text_rec.onnx").path)
        let shape = InputShape(c: 3, h: 48, w: 320)
        #expect(try openVINO.load(file, shape: shape).backend == .openvino)
        #expect(try InferenceEngine.openCV().load(file, shape: shape).backend == .opencv)
    }
}
