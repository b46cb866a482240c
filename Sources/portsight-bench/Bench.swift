import ArgumentParser
import CommandOptions
import CVBridge
import Foundation
import FrameSources
import Logging
import Pipeline
import PixelCore
import Timing

/// `portsight-bench`: measurements that compare two things in one run. A tool for engineers,
/// built beside the daemon and not installed with it.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portsight-bench",
        abstract: "Benchmarks (scripts/bench runs them all and prints the ratios).",
        subcommands: [PixelBench.self, KernelBench.self, BandwidthBench.self, DetectorBench.self, NetworkBench.self, SinkBench.self,
                      StatusBench.self]
    )
}

/// Pixel core against the same steps done with OpenCV calls, on the same decoded frames.
struct PixelBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pixel",
        abstract: "Median ms per frame: the pixel core against OpenCV's op chain on the same frames (decode excluded)."
    )

    @Argument(help: "A video file (decoded to BGR) or image folder.")
    var source: String

    @Option(help: "Frames to measure.")
    var frames: Int = 300

    @Option(help: "Gaussian blur radius for the OpenCV chain (0: none, like the pixel core).")
    var blur: Int = 0

    @OptionGroup var motion: MotionOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let logger = global.bootstrapLogging()
        setOpenCVThreads(1)
        let source = try openForCommand(self.source, logger: logger)
        var ours: [Double] = [], theirs: [Double] = []
        var detector: MotionDetector?
        var chain: OpenCVMotionChain?
        var size = (0, 0, 0)
        let clock = ContinuousClock()
        var n = 0
        while n < frames, let frame = try source.next() {
            let image = frame.image
            if detector == nil {
                detector = try MotionDetector(settings: motion.settings, frameWidth: image.width, frameHeight: image.height,
                                              inputWidth: image.width, inputHeight: image.height, channels: image.channels)
                let work = detector!.workImage
                chain = try OpenCVMotionChain(settings: motion.settings, workWidth: work.width, workHeight: work.height,
                                              blurRadius: blur)
                size = (image.width, image.height, image.channels)
            }
            // Alternate who goes first, so neither always finds the frame already in cache.
            for turn in n % 2 == 0 ? [0, 1] : [1, 0] {
                let t0 = clock.now
                if turn == 0 {
                    _ = detector!.process(image)
                    ours.append((clock.now - t0).inMilliseconds)
                } else {
                    try chain!.step(image)
                    theirs.append((clock.now - t0).inMilliseconds)
                }
            }
            n += 1
        }
        let result = PixelBenchResult(
            source: self.source, frames: n, width: size.0, height: size.1,
            bytesPerFrame: size.0 * size.1 * size.2,
            medianMs: .init(pixelCore: median(ours), openCVChain: median(theirs)),
            openCVOverPixelCore: ratio(median(theirs), median(ours)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(result), as: UTF8.self))
    }
}

struct PixelBenchResult: Codable {
    struct Medians: Codable {
        var pixelCore: Double
        var openCVChain: Double
        enum CodingKeys: String, CodingKey {
            case pixelCore = "pixel_core"
            case openCVChain = "opencv_chain"
        }
    }

    var source: String
    var frames: Int
    var width: Int
    var height: Int
    var bytesPerFrame: Int
    var medianMs: Medians
    var openCVOverPixelCore: Double

    enum CodingKeys: String, CodingKey {
        case source, frames, width, height
        case bytesPerFrame = "bytes_per_frame"
        case medianMs = "median_ms"
        case openCVOverPixelCore = "opencv_over_pixel_core"
    }
}

/// Memory bandwidth, the floor for any pass that must read every pixel.
struct BandwidthBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bandwidth",
        abstract: "Median read and copy bandwidth over a buffer larger than the caches, and read bandwidth over a frame-sized buffer that stays in cache, in GB/s."
    )

    @Option(help: "Buffer size in MiB.")
    var mebibytes: Int = 1024

    @Option(help: "Repetitions; the median is reported.")
    var repeats: Int = 7

    func run() throws {
        let bytes = mebibytes << 20
        let source = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        let target = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        defer {
            source.deallocate()
            target.deallocate()
        }
        source.initializeMemory(as: UInt8.self, repeating: 1, count: bytes)
        target.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        let clock = ContinuousClock()
        var reads: [Double] = [], copies: [Double] = []
        var checksum: UInt64 = 0
        for _ in 0..<repeats {
            var t0 = clock.now
            checksum &+= readAll(source, bytes)
            reads.append(Double(bytes) / (clock.now - t0).inSeconds / 1e9)
            t0 = clock.now
            target.copyMemory(from: source, byteCount: bytes)
            copies.append(Double(bytes) / (clock.now - t0).inSeconds / 1e9)
        }
        // A 1080p BGR frame just decoded is still in the last-level cache: read 8 MiB over and over.
        let frameBytes = 8 << 20
        var cached: [Double] = []
        for _ in 0..<repeats {
            _ = readAll(source, frameBytes)
            let t0 = clock.now
            for _ in 0..<8 { checksum &+= readAll(source, frameBytes) }
            cached.append(Double(8 * frameBytes) / (clock.now - t0).inSeconds / 1e9)
        }
        let result = BandwidthResult(bytes: bytes, readGBs: median(reads), copyGBs: median(copies),
                                     cachedReadGBs: median(cached), checksum: checksum)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(result), as: UTF8.self))
    }

    /// Sums the buffer 16 bytes at a time: a read-only pass at full speed.
    private func readAll(_ pointer: UnsafeMutableRawPointer, _ bytes: Int) -> UInt64 {
        var acc = SIMD2<UInt64>(0, 0)
        var offset = 0
        while offset < bytes {
            acc &+= pointer.load(fromByteOffset: offset, as: SIMD2<UInt64>.self)
            offset += 16
        }
        return acc[0] &+ acc[1]
    }
}

struct BandwidthResult: Codable {
    var bytes: Int
    var readGBs: Double
    var copyGBs: Double
    var cachedReadGBs: Double
    var checksum: UInt64

    enum CodingKeys: String, CodingKey {
        case bytes
        case readGBs = "read_gb_s"
        case copyGBs = "copy_gb_s"
        case cachedReadGBs = "cached_read_gb_s"
        case checksum
    }
}

func ratio(_ a: Double, _ b: Double) -> Double {
    b > 0 ? (a / b * 100).rounded() / 100 : 0
}
