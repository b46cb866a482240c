import Detection
import PixelCore
import Synchronization
import Timing
import Vision

/// Counts a network's runs and their times, from any thread: the figures `/status` gives per model.
public final class RunRecorder: Sendable {
    private let state = Mutex(State())

    struct State {
        var runs = 0
        var times = RecentValues()
    }

    /// An empty recorder.
    public init() {}

    /// Notes one run of `ms` milliseconds.
    public func record(ms: Double) {
        state.withLock { state in
            state.runs += 1
            state.times.add(ms)
        }
    }

    /// The figures so far.
    public var stats: RunStats {
        state.withLock { RunStats(runs: $0.runs, msP50: $0.times.percentile(0.5), msP99: $0.times.percentile(0.99)) }
    }
}

/// Runs of a network: how many, and milliseconds per run over the last ones.
public struct RunStats: Sendable, Equatable {
    /// Runs since the start.
    public var runs: Int
    /// Milliseconds per run: median and 99th percentile of the last 256.
    public var msP50: Double
    public var msP99: Double
}

/// A detector whose runs (one per region) are timed into a shared recorder.
public final class TimedDetector: Detector {
    private let detector: Detector
    private let recorder: RunRecorder

    /// Wraps `detector`, recording into `recorder`.
    public init(_ detector: Detector, recorder: RunRecorder) {
        self.detector = detector
        self.recorder = recorder
    }

    public var inputSize: Int { detector.inputSize }

    public func detect(_ image: ImageView, in region: Rect) throws(ModelError) -> [Detection] {
        let clock = ContinuousClock()
        let start = clock.now
        defer { recorder.record(ms: (clock.now - start).inMilliseconds) }
        return try detector.detect(image, in: region)
    }
}
