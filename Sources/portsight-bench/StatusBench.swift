import ArgumentParser
import CommandOptions
import Events
import Feed
import Foundation
import Pipeline
import Timing

/// `portsight bench status`: what one `/status` body costs to write, by hand and through
/// Foundation's JSON encoder, on a board of four cameras and two sinks.
struct StatusBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Microseconds to write one /status body: the hand-written writer against Foundation's JSONEncoder."
    )

    @Option(help: "Bodies written per batch.")
    var batch = 2_000

    @Option(help: "Batches of each (the median is reported).")
    var runs = 9

    func run() throws {
        let board = Self.board()
        var writer: [Double] = [], encoder: [Double] = []
        var bytes = 0
        for _ in 0..<runs {
            // Alternated in one run, so that both see the same machine.
            writer.append(Self.microseconds(batch) { bytes &+= StatusJSON.encode(board).readableBytes })
            encoder.append(Self.microseconds(batch) { bytes &+= (try? FeedJSON.makeEncoder().encode(board).count) ?? 0 })
        }
        let writerMedian = median(writer), encoderMedian = median(encoder)
        let result = StatusBenchResult(cameras: board.cameras.count, sinks: board.sinks.count,
                                       bodyBytes: StatusJSON.encode(board).readableBytes, writerUs: writerMedian.rounded(toPlaces: 2),
                                       encoderUs: encoderMedian.rounded(toPlaces: 2),
                                       encoderOverWriter: (encoderMedian / writerMedian).rounded(toPlaces: 2), checksum: bytes)
        print(String(decoding: try makeOutputEncoder().encode(result), as: UTF8.self))
    }

    static func microseconds(_ count: Int, _ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<count { body() }
        return (clock.now - start).inMilliseconds * 1000 / Double(count)
    }

    static func board() -> StatusSnapshot {
        let cameras = (1...4).map { index in
            CameraStatus(id: "gate\(index)", state: .online, fpsRead: 25.02, fpsProcessed: 12.51, droppedFrames: 1_234,
                         lastFrameAgeS: 0.038, reconnectsLastHour: 1, stallsLastHour: 0, detectorRunsPerS: 4.2,
                         detectorMsPerRun: 38.7, latencyP50Ms: 61.3, latencyP99Ms: 142.9)
        }
        let sinks = [SinkStatus(name: "tos", kind: "mqtt", state: .delivering, cursor: 98_765, lagEvents: 2, lagS: 0.12,
                                delivered: 98_765, failures: 3, deadLetters: 0),
                     SinkStatus(name: "customs", kind: "webhook", state: .retrying, cursor: 98_001, lagEvents: 766, lagS: 31.5,
                                delivered: 98_001, failures: 12, deadLetters: 1, lastError: "HTTP 503 from https://customs.example/hook")]
        return StatusSnapshot(version: "0.1.0", uptimeS: 86_461.27, cameras: cameras,
                              store: StoreStatus(lastSeq: 98_767, sizeBytes: 412_000_000, freeDiskBytes: 51_000_000_000), sinks: sinks)
    }
}

/// What `bench status` prints.
struct StatusBenchResult: Encodable {
    var cameras: Int
    var sinks: Int
    var bodyBytes: Int
    var writerUs: Double
    var encoderUs: Double
    var encoderOverWriter: Double
    var checksum: Int

    enum CodingKeys: String, CodingKey {
        case cameras, sinks, checksum
        case bodyBytes = "body_bytes"
        case writerUs = "writer_us"
        case encoderUs = "encoder_us"
        case encoderOverWriter = "encoder_over_writer"
    }
}
