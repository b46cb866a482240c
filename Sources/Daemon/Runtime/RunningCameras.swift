import Foundation
import Logging

/// The camera workers that run, by id.
final class RunningCameras: @unchecked Sendable {
    // Touched only by CamerasService's task, one reload at a time.
    private var workers: [String: CameraWorker] = [:]

    var all: [(String, CameraWorker)] { workers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
    func worker(_ id: String) -> CameraWorker? { workers[id] }

    func start(_ worker: CameraWorker) {
        workers[worker.config.id] = worker
        worker.start()
    }

    func stop(_ id: String, logger: Logger) async {
        guard let worker = workers.removeValue(forKey: id) else { return }
        await Self.join([worker], logger: logger)
    }

    func stopAll(logger: Logger) async {
        let stopping = Array(workers.values)
        workers.removeAll()
        await Self.join(stopping, logger: logger)
    }

    /// Joining the threads blocks: do it off the shared executor.
    private static func join(_ workers: [CameraWorker], logger: Logger) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread {
                for worker in workers where !worker.stop() {
                    logger.warning("camera did not stop in time", metadata: ["camera": "\(worker.config.id)"])
                }
                done.resume()
            }.start()
        }
    }
}

