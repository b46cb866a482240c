import Events
import Foundation
import Hummingbird
import Testing
@testable import Feed

@Suite("The hand-written /status body")
struct StatusJSONTests {
    func encoderBytes(_ snapshot: StatusSnapshot) throws -> [UInt8] {
        [UInt8](try FeedJSON.makeEncoder().encode(snapshot))
    }

    func writerBytes(_ snapshot: StatusSnapshot) -> [UInt8] {
        let buffer = StatusJSON.encode(snapshot)
        return buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? []
    }

    @Test("gives the same bytes as the JSON encoder, for numbers, nulls, escapes and empty lists", arguments: [
        StatusSnapshot(version: "0.1.0", uptimeS: 0, cameras: [], store: StoreStatus(), sinks: []),
        StatusSnapshot(
            version: "1.2.3-dev \"quoted\" back\\slash", uptimeS: 86_400.125,
            cameras: [
                CameraStatus(id: "gate3", state: .online, fpsRead: 26.9, fpsProcessed: 12.5, droppedFrames: 7,
                             lastFrameAgeS: 0.04, reconnectsLastHour: 2, stallsLastHour: 1, detectorRunsPerS: 3.3333333333333335,
                             detectorMsPerRun: 38, latencyP50Ms: 0.1, latencyP99Ms: 1e-7),
                CameraStatus(id: "quay/1\ttab\nline\u{1}ctl é 港", state: .offline, fpsRead: 1e21, fpsProcessed: -0.5,
                             droppedFrames: Int64.max, lastFrameAgeS: nil, latencyP50Ms: .infinity, latencyP99Ms: .nan),
            ],
            store: StoreStatus(lastSeq: 123_456, sizeBytes: 9_876_543_210, freeDiskBytes: nil, pendingEvents: 42, writeFailures: 7,
                               lastError: "database or disk is full: \"events\""),
            sinks: [
                SinkStatus(name: "mqtt", kind: "mqtt", state: .delivering, cursor: 120, lagEvents: 3, lagS: 0.25,
                           delivered: 5_000, failures: 0, deadLetters: 0, lastError: nil),
                SinkStatus(name: "hook", kind: "webhook", state: .retrying, cursor: 0, lagEvents: -1, lagS: 123.456e10,
                           delivered: 0, failures: 9, deadLetters: 2, lastError: "HTTP 503 from https://x.example/a?b=\"c\""),
            ],
            inference: InferenceStatus(backend: "openvino", detector: QueueStatus(runs: 1_234, dropped: 7, queued: 3, msP50: 19.25, msP99: 61,
                                                                                   waitMsP50: 4.5, waitMsP99: 88, runsPerS: 12.5),
                                       codeReader: QueueStatus(runs: 41, dropped: 2, queued: 1, msP50: 96.5,
                                                               msP99: 310, waitMsP50: 0, waitMsP99: 1e-3))),
    ])
    func sameBytes(snapshot: StatusSnapshot) throws {
        let expected = try encoderBytes(snapshot)
        let written = writerBytes(snapshot)
        #expect(written == expected, "\(String(decoding: written, as: UTF8.self))\n\(String(decoding: expected, as: UTF8.self))")
    }

    @Test("many random boards give the same bytes as the JSON encoder")
    func randomBoards() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            func number() -> Double {
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: return Double(Int.random(in: 0...100_000, using: &generator))
                case 1: return Double.random(in: 0...1, using: &generator)
                case 2: return Double.random(in: 0...1e6, using: &generator)
                default: return Double.random(in: -1e-3...1e-3, using: &generator)
                }
            }
            let cameras = (0..<Int.random(in: 0...4, using: &generator)).map { index in
                CameraStatus(id: "cam\(index)", state: CameraState.allCases.randomElement(using: &generator)!, fpsRead: number(),
                             fpsProcessed: number(), droppedFrames: Int64.random(in: 0...1_000_000, using: &generator),
                             lastFrameAgeS: Bool.random(using: &generator) ? number() : nil, detectorRunsPerS: number(),
                             detectorMsPerRun: number(), latencyP50Ms: number(), latencyP99Ms: Bool.random(using: &generator) ? number() : nil)
            }
            func queue() -> QueueStatus? {
                Bool.random(using: &generator)
                    ? QueueStatus(runs: Int64.random(in: 0...1_000_000, using: &generator), dropped: Int64.random(in: 0...100, using: &generator),
                                  queued: Int64.random(in: 0...8, using: &generator), msP50: number(), msP99: number(),
                                  waitMsP50: number(), waitMsP99: number(), runsPerS: number())
                    : nil
            }
            let snapshot = StatusSnapshot(version: "0.1.0", uptimeS: number(), cameras: cameras,
                                          store: StoreStatus(lastSeq: 5, sizeBytes: 4096, freeDiskBytes: 1 << 40),
                                          sinks: [SinkStatus(name: "s", lagS: number())],
                                          inference: InferenceStatus(backend: Bool.random(using: &generator) ? "openvino" : "opencv",
                                                                     detector: queue(), codeReader: queue()))
            let expected = try encoderBytes(snapshot), written = writerBytes(snapshot)
            #expect(written == expected, "\(String(decoding: written, as: UTF8.self))")
            if written != expected { return }
        }
    }
}
