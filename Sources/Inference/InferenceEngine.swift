import Foundation
import Logging

/// Loads networks with the backend in force: OpenVINO where it is installed, OpenCV's `dnn`
/// otherwise, or the one the configuration names. Made once per process and shared by everything
/// that loads a network.
public final class InferenceEngine: Sendable {
    /// The backend networks are loaded with.
    public let backend: InferenceBackend
    /// The settings it was made with.
    public let settings: InferenceSettings
    /// The OpenVINO runtime, when it is the backend.
    public let openVINO: OpenVINORuntime?
    /// Why the default backend could not be used, when it could not.
    public let fallbackReason: String?
    private let logger: Logger

    private init(backend: InferenceBackend, settings: InferenceSettings, openVINO: OpenVINORuntime?,
                 fallbackReason: String?, logger: Logger) {
        self.backend = backend
        self.settings = settings
        self.openVINO = openVINO
        self.fallbackReason = fallbackReason
        self.logger = logger
    }

    /// An engine that runs everything through OpenCV, for tools and tests that ask for nothing else.
    public static func openCV(threads: Int = 1, logger: Logger = Logger(label: "portsight.inference")) -> InferenceEngine {
        InferenceEngine(backend: .opencv, settings: InferenceSettings(backend: .opencv, threads: threads), openVINO: nil,
                        fallbackReason: nil, logger: logger)
    }

    /// Chooses the backend. OpenVINO asked for by name and not usable throws; by default a missing
    /// or broken OpenVINO logs one line that says what to run and falls back to OpenCV.
    public static func start(_ settings: InferenceSettings, logger: Logger) throws(InferenceError) -> InferenceEngine {
        if settings.backend == .opencv {
            return InferenceEngine(backend: .opencv, settings: settings, openVINO: nil, fallbackReason: nil, logger: logger)
        }
        let runtime: OpenVINORuntime
        do throws(InferenceError) {
            runtime = try openRuntime(settings)
        } catch {
            guard settings.backend == nil else { throw error }
            let reason = "\(error.description); running networks through OpenCV instead"
            logger.warning("\(reason)")
            return InferenceEngine(backend: .opencv, settings: settings, openVINO: nil, fallbackReason: reason, logger: logger)
        }
        logger.info("inference through OpenVINO", metadata: [
            "version": "\(runtime.version)", "libraries": "\(runtime.directory)", "threads": "\(settings.threads)",
        ])
        return InferenceEngine(backend: .openvino, settings: settings, openVINO: runtime, fallbackReason: nil, logger: logger)
    }

    private static func openRuntime(_ settings: InferenceSettings) throws(InferenceError) -> OpenVINORuntime {
        let searched = settings.openVINODirectory.map { [$0] } ?? OpenVINORuntime.candidateDirectories()
        guard let directory = OpenVINORuntime.locate(in: searched) else {
            throw .backendUnavailable(.openvino, reason: "OpenVINO is not installed (no libopenvino_c.so in \(searched.joined(separator: ", "))); run scripts/get-openvino")
        }
        return try OpenVINORuntime(directory: directory)
    }

    /// Loads `file` for inputs of `shape`. Under OpenVINO a model it does not read (or a Darknet
    /// file without its converted twin) is loaded through OpenCV with a warning, unless OpenVINO
    /// was asked for by name.
    public func load(_ file: ModelFile, shape: InputShape) throws(InferenceError) -> any InferenceNetwork {
        guard backend == .openvino, let openVINO else { return try OpenCVNetwork(file) }
        let path: String
        switch file.format {
        case .onnx:
            path = file.openVINOPath ?? file.path
        case .darknet:
            guard let converted = file.openVINOPath, FileManager.default.fileExists(atPath: converted) else {
                let reason = "OpenVINO does not read Darknet files and the converted ONNX file \(file.openVINOPath ?? "(none)") is missing; run scripts/get-models"
                return try fallBack(file, reason: reason)
            }
            path = converted
        }
        do {
            return try OpenVINONetwork(runtime: openVINO, path: path, shape: shape, threads: settings.threads)
        } catch {
            return try fallBack(file, reason: error.description)
        }
    }

    private func fallBack(_ file: ModelFile, reason: String) throws(InferenceError) -> any InferenceNetwork {
        if settings.backend == .openvino { throw .cannotLoad(path: file.path, backend: .openvino, reason: reason) }
        let network: OpenCVNetwork
        do {
            network = try OpenCVNetwork(file)
        } catch {
            guard case let .cannotLoad(_, _, openCVReason) = error else { throw error }
            throw .cannotLoad(path: file.path, backend: .opencv, reason: "\(openCVReason); OpenVINO did not load it either: \(reason)")
        }
        logger.warning("\(reason); this model runs through OpenCV", metadata: ["model": "\(file.path)"])
        return network
    }
}
