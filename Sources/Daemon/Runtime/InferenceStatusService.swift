import Feed
import Pipeline
import ServiceLifecycle
import Timing

/// Puts the inference figures on the status board once a second: the backend in force, the shared
/// detector's runs and queue, and the shared code reader's queue.
struct InferenceStatusService: Service {
    let backend: String
    let detectorRuns: RunRecorder?
    let detection: DetectionService?
    let codeReads: CodeReadService?
    let board: StatusBoard

    func run() async throws {
        var detectorRate = RunRate(), readerRate = RunRate()
        let clock = ContinuousClock()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            var detector: QueueStatus?
            if let detection, let detectorRuns {
                let runs = detectorRuns.stats, stats = detection.stats
                detector = QueueStatus(runs: Int64(runs.runs), dropped: Int64(stats.dropped), queued: Int64(stats.queued),
                                       msP50: runs.msP50.rounded(toPlaces: 1), msP99: runs.msP99.rounded(toPlaces: 1),
                                       waitMsP50: stats.waitMsP50.rounded(toPlaces: 1), waitMsP99: stats.waitMsP99.rounded(toPlaces: 1),
                                       runsPerS: detectorRate.add(runs: runs.runs, at: clock.now))
            }
            let reader = codeReads.map(\.stats).map { QueueStatus($0, runsPerS: readerRate.add(runs: $0.runs, at: clock.now)) }
            board.setInference(InferenceStatus(backend: backend, detector: detector, codeReader: reader))
            try? await Task.sleep(for: .seconds(1))
        }
    }
}

/// Runs per second over the last ten seconds: a rate-capped network runs in some seconds and not
/// in others.
struct RunRate {
    private struct Sample {
        var runs: Int
        var at: ContinuousClock.Instant
    }

    private var samples: [Sample] = []

    /// Notes the runs counted so far and returns the rate.
    mutating func add(runs: Int, at now: ContinuousClock.Instant) -> Double {
        samples.append(Sample(runs: runs, at: now))
        samples.removeAll { now - $0.at > .seconds(10) }
        guard let first = samples.first, now > first.at else { return 0 }
        return (Double(runs - first.runs) / (now - first.at).inSeconds).rounded(toPlaces: 2)
    }
}

extension QueueStatus {
    /// The reading service's figures.
    init(_ stats: CodeReadStats, runsPerS: Double) {
        self.init(runs: Int64(stats.runs), dropped: Int64(stats.dropped), queued: Int64(stats.queued),
                  msP50: stats.msP50.rounded(toPlaces: 1), msP99: stats.msP99.rounded(toPlaces: 1),
                  waitMsP50: stats.waitMsP50.rounded(toPlaces: 1), waitMsP99: stats.waitMsP99.rounded(toPlaces: 1),
                  runsPerS: runsPerS)
    }
}
