import ArgumentParser
import CommandOptions
import Foundation
import FrameSources
import Inference
import Logging
import Pipeline
import PixelCore
import Timing
import Vision

/// `portsight bench detector`: milliseconds per detector run for each backend, input size and thread count.
struct DetectorBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detector",
        abstract: "Median ms per detector run on one frame, for each backend, input size and thread count (JSON lines)."
    )

    @Argument(help: "An image or video (its first frame is used).")
    var source: String

    @Option(help: "Input sizes, comma-separated.")
    var sizes = "320,416,608"

    @Option(help: "Runs per setting (after one warm-up run).")
    var runs = 7

    @OptionGroup var sweep: BackendSweepOptions
    @OptionGroup var detector: DetectorOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let logger = global.bootstrapLogging()
        let source = try openForCommand(self.source, logger: logger)
        defer { source.close() }
        guard let frame = try source.next() else { throw fail("\(self.source): no frame could be decoded") }
        let image = frame.image
        let whole = Rect(x: 0, y: 0, width: image.width, height: image.height)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let sizeList = sizes.split(separator: ",").compactMap { Int($0) }
        for backend in sweep.backendList {
            for size in sizeList {
                for threads in sweep.threadList {
                    let line = try measure(image, in: whole, backend: backend, size: size, threads: threads, logger: logger)
                    print(String(decoding: try encoder.encode(line), as: UTF8.self))
                }
            }
        }
        withExtendedLifetime(frame) {}
    }

    private func measure(_ image: ImageView, in whole: Rect, backend: InferenceBackend, size: Int, threads: Int,
                         logger: Logger) throws -> DetectorBenchResult {
        var options = detector
        options.inputSize = size
        options.threads = threads
        let engine: InferenceEngine
        do {
            engine = try InferenceEngine.start(InferenceSettings(backend: backend, threads: threads), logger: logger)
        } catch {
            throw fail(error.description)
        }
        let yolo = try options.makeDetector(engine: engine)
        _ = try yolo.detect(image, in: whole)
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<runs {
            let start = clock.now
            _ = try yolo.detect(image, in: whole)
            times.append((clock.now - start).inMilliseconds)
        }
        return DetectorBenchResult(backend: yolo.backend.rawValue, inputSize: size, threads: threads, runs: runs,
                                   medianMs: median(times))
    }
}

struct DetectorBenchResult: Encodable {
    var backend: String
    var inputSize: Int
    var threads: Int
    var runs: Int
    var medianMs: Double

    enum CodingKeys: String, CodingKey {
        case inputSize = "input_size"
        case backend, threads, runs
        case medianMs = "median_ms"
    }
}
