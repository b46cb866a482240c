import Foundation
import Inference
import Synchronization
import Testing
import TestSupport

/// The cores the kernel lets a thread run on (`Cpus_allowed_list` of its status file).
private func allowedCores(_ status: String) -> String? {
    let text = (try? String(contentsOfFile: status, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") }.map {
        $0.dropFirst("Cpus_allowed_list:".count).trimmingCharacters(in: .whitespaces)
    }
}

@Suite("OpenVINO leaves the threads that run it free to move between cores", .enabled(if: openVINOTestsEnabled))
struct ThreadPinningTests {
    /// The detection service runs one compiled model per thread. With the plugin's pinning on, the
    /// plugin tied each such thread to core 0 while it ran, so two of them shared one core. It
    /// unpins the thread after each run, so the threads are watched from outside while they run.
    @Test("two threads running a model each keep every core of the process while they run")
    func threadsKeepTheirCores() throws {
        let engine = try #require(openVINOEngine, "OpenVINO is not installed: run scripts/get-openvino")
        let file = ModelFile(path: Fixtures.root.appendingPathComponent("models/ocr/text_det.onnx").path)
        let shape = InputShape(c: 3, h: 320, w: 320)
        let input = [Float](repeating: 0.1, count: 3 * 320 * 320)
        let process = try #require(allowedCores("/proc/self/status"))
        let seen = Mutex<Set<String>>([])
        let done = DispatchGroup()
        for index in 0..<2 {
            done.enter()
            Thread {
                defer { done.leave() }
                // Named once its model is compiled: compiling may pin the thread for a while.
                guard let network = try? engine.load(file, shape: shape) else { return }
                try? Data("pin-test-\(index)".utf8).write(to: URL(fileURLWithPath: "/proc/thread-self/comm"))
                for _ in 0..<30 {
                    _ = try? input.withUnsafeBufferPointer { try network.run($0, shape: shape) { $0.count } }
                }
            }.start()
        }
        // Watch every thread of the process named pin-test-N until both threads are done.
        let tasks = URL(fileURLWithPath: "/proc/self/task")
        repeat {
            for task in (try? FileManager.default.contentsOfDirectory(atPath: tasks.path)) ?? [] {
                let folder = tasks.appendingPathComponent(task)
                let name = (try? String(contentsOf: folder.appendingPathComponent("comm"), encoding: .utf8)) ?? ""
                if name.hasPrefix("pin-test"), let cores = allowedCores(folder.appendingPathComponent("status").path) {
                    seen.withLock { _ = $0.insert(cores) }
                }
            }
            Thread.sleep(forTimeInterval: 0.001)
        } while done.wait(timeout: .now()) == .timedOut
        #expect(seen.withLock { $0 } == [process])
    }
}
