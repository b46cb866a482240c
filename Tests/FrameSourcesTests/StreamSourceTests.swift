import Foundation
import FrameSources
import Testing
import TestSupport

@Suite("Streams and live sources")
struct StreamSourceTests {
    @Test("a stream URL on a loopback port where nothing listens fails to open with the URL in the error",
          arguments: ["rtsp://127.0.0.1:9/camera", "http://127.0.0.1:9/stream.mjpg"])
    func refusedStream(url: String) {
        var options = SourceOptions()
        options.openTimeout = 3
        options.readTimeout = 3
        let error = #expect(throws: FrameSourceError.self) { _ = try openSource(url, options: options, logger: testLogger) }
        guard case let .cannotOpen(name, _)? = error else {
            Issue.record("expected cannotOpen, got \(String(describing: error))")
            return
        }
        #expect(name == url)
    }

    @Test("a live source keeps the newest frame and counts the frames a slow pipeline missed")
    func liveDropsWhenBehind() throws {
        var options = SourceOptions()
        options.live = true
        let source = try openSource(Fixtures.sampleClip, options: options, logger: testLogger)
        // The clip plays at 25 frames/s; a pipeline that needs 100 ms per frame can take about a quarter.
        let frames = try drain(source, limit: 40) { _ in Thread.sleep(forTimeInterval: 0.1) }
        let counters = source.counters
        source.close()
        #expect(counters.dropped > 20, "dropped \(counters.dropped)")
        #expect(zip(frames, frames.dropFirst()).allSatisfy { $0.index < $1.index }, "frames stay in order")
        // Everything the reader decoded was either handed on, dropped, or is the one waiting.
        #expect(counters.frames - counters.dropped - frames.count <= 2)
    }

    @Test("an HTTP MJPEG camera on loopback streams frames, and its end is reported as a disconnection")
    func mjpegStream() throws {
        let (source, server) = try mjpegSource(frames: 20, fps: 20)
        // SIGKILL: the test runner's signal mask can keep a SIGTERM from reaching the child.
        defer { kill(server.processIdentifier, SIGKILL) }
        var received: [FrameInfo] = []
        let error = #expect(throws: FrameSourceError.self) {
            while let frame = try source.next() {
                #expect(frame.image.width == 1280 && frame.image.height == 720)
                received.append(frame.info)
            }
        }
        guard case .disconnected? = error else {
            Issue.record("expected disconnected, got \(String(describing: error))")
            return
        }
        #expect(received.count + source.counters.dropped == 20)
        #expect(received.count >= 10)
    }

    @Test("a camera whose connection is reset mid-frame is a drop that names the reset, not an end of stream")
    func resetStream() throws {
        let (source, server) = try mjpegSource(frames: 10, fps: 20, reset: true)
        defer { kill(server.processIdentifier, SIGKILL) }
        var received = 0
        let error = #expect(throws: FrameSourceError.self) {
            while try source.next() != nil { received += 1 }
        }
        guard case let .disconnected(_, reason)? = error else {
            Issue.record("expected disconnected, got \(String(describing: error))")
            return
        }
        #expect(reason.lowercased().contains("reset"), "reason: \(reason)")
        #expect(!reason.contains("end of stream"), "reason: \(reason)")
        // Every whole frame came through; the half frame may be decoded with its missing part grey.
        #expect(received + source.counters.dropped >= 10)
    }

    @Test("a stream's media time follows its frames' arrival, not timestamps that run at another rate")
    func streamTimeIsArrivalTime() throws {
        // 5 frames a second; FFmpeg's MJPEG demuxer stamps them 1/25 s apart.
        let (source, server) = try mjpegSource(frames: 10, fps: 5)
        defer { kill(server.processIdentifier, SIGKILL) }
        var received: [FrameInfo] = []
        do {
            while let frame = try source.next() { received.append(frame.info) }
        } catch {}
        let first = try #require(received.first), last = try #require(received.last)
        #expect(received.count >= 6)
        let arrival = last.captureTime.timeIntervalSince(first.captureTime)
        let media = last.mediaTime - first.mediaTime
        #expect(arrival > 0.8)
        #expect(abs(media - arrival) < 0.25 * arrival, "media time \(media) s against \(arrival) s of arrival")
    }

    /// `scripts/mjpeg-server` sending `frames` sample frames once at `fps`, and a source reading it.
    func mjpegSource(frames: Int, fps: Int, reset: Bool = false) throws -> (FrameSource, Process) {
        let folder = try Fixtures.temporaryFolder()
        _ = try writeSampleJPEGs(count: frames, to: folder, every: 5)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        server.arguments = [Fixtures.root.appendingPathComponent("scripts/mjpeg-server").path, folder.path, "--fps", "\(fps)",
                            "--once", "--timeout", "30"] + (reset ? ["--reset"] : [])
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(server.processIdentifier, SIGKILL)
            throw POSIXError(.ECONNREFUSED)
        }
        var options = SourceOptions()
        options.openTimeout = 5
        options.readTimeout = 5
        do {
            return (try openSource("http://127.0.0.1:\(port)/stream.mjpg", options: options, logger: testLogger), server)
        } catch {
            kill(server.processIdentifier, SIGKILL)
            throw error
        }
    }
}
