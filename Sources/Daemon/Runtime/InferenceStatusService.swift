import Feed
import Pipeline
import ServiceLifecycle
import Timing

/// Puts the inference figures on the status board once a second: the backend in force, the
/// detector's runs on all cameras, and the shared code reader's queue.
struct InferenceStatusService: Service {
    let backend: String
    let detectorRuns: RunRecorder?
    let codeReads: CodeReadService?
    let board: StatusBoard

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let detector = detectorRuns.map(\.stats).map {
                RunStatus(runs: Int64($0.runs), msP50: $0.msP50.rounded(toPlaces: 1), msP99: $0.msP99.rounded(toPlaces: 1))
            }
            board.setInference(InferenceStatus(backend: backend, detector: detector, codeReader: codeReads.map { QueueStatus($0.stats) }))
            try? await Task.sleep(for: .seconds(1))
        }
    }
}

extension QueueStatus {
    /// The reading service's figures.
    init(_ stats: CodeReadStats) {
        self.init(runs: Int64(stats.runs), dropped: Int64(stats.dropped), queued: Int64(stats.queued),
                  msP50: stats.msP50.rounded(toPlaces: 1), msP99: stats.msP99.rounded(toPlaces: 1),
                  waitMsP50: stats.waitMsP50.rounded(toPlaces: 1), waitMsP99: stats.waitMsP99.rounded(toPlaces: 1))
    }
}
