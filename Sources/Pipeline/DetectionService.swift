import Detection
import Foundation
import Logging
import PixelCore
import Synchronization
import Timing
import Vision

/// Runs the object detector for every camera on threads of its own, so a camera never waits for a
/// network: its frames keep flowing through the pixel core while the
/// detector works, and the detections join the tracker for the frame they were asked for.
/// Cameras take turns (a busy camera cannot starve a quiet one); a camera's oldest job is dropped
/// when it has too many waiting, and a live camera's job that waited too long to matter is dropped
/// when its turn comes. Both are counted.
public final class DetectionService: Sendable {
    /// How many jobs one camera may have waiting, and how long a live camera's job may wait.
    public struct Limits: Sendable {
        /// Jobs one camera may have waiting; a new one then drops the oldest. A camera holds no
        /// more frames than this (`DetectionClient.maxWaiting`), so only a stale job is dropped.
        public var perCamera = 10
        /// A live camera's job that waited longer is dropped when its turn comes (a recorded
        /// file's jobs always run: its frames can wait).
        public var maxWait: Duration = .seconds(1)

        /// The defaults.
        public init() {}
    }

    /// The square input size the detector scales regions to.
    public let inputSize: Int
    /// How many jobs one camera may have waiting.
    public var perCameraLimit: Int { limits.perCamera }
    private let workers: Int
    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)
    private let limits: Limits
    private let logger: Logger

    struct State {
        var jobs = FairQueue<DetectionJob>()
        var stopping = false
        var stats = DetectionStats()
        var jobTimes = RecentValues()
        var waitTimes = RecentValues()
    }

    /// Starts one thread per detector, each owning its detector from then on: on a box of several
    /// cores, as many frames are detected in at once as there are detectors (all of one model and
    /// input size). Cameras share the threads through one queue.
    public init(detectors: [Detector], limits: Limits = Limits(), logger: Logger) {
        precondition(!detectors.isEmpty, "a detection service needs a detector")
        inputSize = detectors[0].inputSize
        workers = detectors.count
        self.limits = limits
        self.logger = logger
        for (index, detector) in detectors.enumerated() {
            let owned = UncheckedDetector(detector: detector)
            let name = "detect-\(index)"
            let thread = Thread { [self] in
                try? Data(name.utf8).write(to: URL(fileURLWithPath: "/proc/thread-self/comm"))
                serve(owned.detector)
            }
            thread.name = name
            thread.start()
        }
    }

    /// Starts the service's thread with `detector`, which the thread then owns.
    public convenience init(detector: Detector, limits: Limits = Limits(), logger: Logger) {
        self.init(detectors: [detector], limits: limits, logger: logger)
    }

    /// How many detection threads suit this box: one per core, each network run taking
    /// `threadsPerRun` of them, at most 4.
    public static func threadCount(threadsPerRun: Int) -> Int {
        max(1, min(4, ProcessInfo.processInfo.activeProcessorCount / max(1, threadsPerRun)))
    }

    /// A camera's handle: it submits frames and collects their detections.
    public func client(camera: String) -> DetectionClient {
        DetectionClient(camera: camera, service: self)
    }

    /// The figures so far.
    public var stats: DetectionStats {
        state.withLock { state in
            var stats = state.stats
            stats.queued = state.jobs.count
            stats.msP50 = state.jobTimes.percentile(0.5)
            stats.msP99 = state.jobTimes.percentile(0.99)
            stats.waitMsP50 = state.waitTimes.percentile(0.5)
            stats.waitMsP99 = state.waitTimes.percentile(0.99)
            return stats
        }
    }

    /// True while jobs wait for the detector: other networks then hold back (detection goes before
    /// reading, since every camera's tracks wait for it).
    public var isBehind: Bool { state.withLock { $0.jobs.count > 0 } }

    /// Waits, up to `limit`, until no job waits for the detector.
    public func waitWhileBehind(upTo limit: Duration) {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        // A short sleep, not a signal: the reader is one thread, and this costs it at most 2 ms.
        while isBehind, clock.now < deadline { Thread.sleep(forTimeInterval: 0.002) }
    }

    /// Asks the threads to stop after the jobs in progress; jobs still waiting come back as failed.
    public func stop() {
        let left = state.withLock { state in
            state.stopping = true
            return state.jobs.removeAll()
        }
        for job in left { job.client.deliver(DetectionResult(ticket: job.ticket, failure: "the detector stopped")) }
        for _ in 0..<workers { wake.signal() }
    }

    func submit(_ job: DetectionJob) {
        let (dropped, stopped): (DetectionJob?, Bool) = state.withLock { state in
            if state.stopping { return (nil, true) }
            let dropped = state.jobs.append(job, camera: job.client.camera, limit: limits.perCamera)
            if dropped != nil { state.stats.dropped += 1 }
            return (dropped, false)
        }
        if stopped {
            job.client.deliver(DetectionResult(ticket: job.ticket, failure: "the detector stopped"))
            return
        }
        if let dropped {
            dropped.client.deliver(DetectionResult(ticket: dropped.ticket, dropped: true,
                                                   failure: "dropped: the camera had \(limits.perCamera) frames waiting"))
        }
        wake.signal()
    }

    /// The next job, cameras taking turns; nil when stopping.
    private func nextJob() -> DetectionJob? {
        while true {
            let outcome: (job: DetectionJob?, stop: Bool) = state.withLock { state in
                state.stopping ? (nil, true) : (state.jobs.next(), false)
            }
            if outcome.stop { return nil }
            if let job = outcome.job { return job }
            wake.wait()
        }
    }

    private func serve(_ detector: Detector) {
        let clock = ContinuousClock()
        while let job = nextJob() {
            let waited = clock.now - job.submitted
            if job.live, waited > limits.maxWait {
                state.withLock { $0.stats.dropped += 1 }
                job.client.deliver(DetectionResult(ticket: job.ticket, dropped: true, failure: "dropped: waited \(waited) for its turn"))
                continue
            }
            let start = clock.now
            var result = DetectionResult(ticket: job.ticket)
            do {
                result.detections = try detector.detectWithCargo(job.image.view, regions: job.regions)
            } catch {
                result.failure = error.description
            }
            result.ms = (clock.now - start).inMilliseconds
            state.withLock { state in
                state.stats.jobs += 1
                state.stats.runs += job.regions.count
                if result.failure != nil { state.stats.failures += 1 }
                state.jobTimes.add(result.ms)
                state.waitTimes.add(waited.inMilliseconds)
            }
            job.client.deliver(result)
        }
    }
}

/// The detector handed to the service's thread, which alone uses it from then on.
private struct UncheckedDetector: @unchecked Sendable {
    let detector: Detector
}

/// A frame to detect in: the camera keeps `image` unchanged until the result is back.
struct DetectionJob: @unchecked Sendable {
    let ticket: Int
    let image: PixelBuffer
    let regions: [PlannedRegion]
    let live: Bool
    let submitted: ContinuousClock.Instant
    let client: DetectionClient
}

/// What the detector found on one frame, back at its camera.
public struct DetectionResult: Sendable {
    /// The ticket `submit` gave for the frame.
    public var ticket: Int
    /// Objects found, merged across regions, in frame pixels (none when dropped or failed).
    public var detections: [Detection] = []
    /// Milliseconds the detector spent on the frame.
    public var ms = 0.0
    /// True when the job was dropped unrun (too many waiting, or waited too long).
    public var dropped = false
    /// Why nothing was found, when the job failed or was dropped.
    public var failure: String?
}

/// The service's figures: for `/status`, `/metrics` and the logs.
public struct DetectionStats: Sendable, Equatable {
    /// Frames detected in.
    public var jobs = 0
    /// Detector runs (one per region).
    public var runs = 0
    /// Jobs dropped unrun: too many waiting for one camera, or waited too long.
    public var dropped = 0
    /// Jobs whose detector run failed.
    public var failures = 0
    /// Jobs waiting now.
    public var queued = 0
    /// Milliseconds per frame over the last frames: median and 99th percentile.
    public var msP50 = 0.0
    public var msP99 = 0.0
    /// Milliseconds a job waited for its turn: median and 99th percentile.
    public var waitMsP50 = 0.0
    public var waitMsP99 = 0.0
}

/// One camera's side of the detection service.
public final class DetectionClient: Sendable {
    /// The camera.
    public let camera: String
    /// The square input size the detector scales regions to.
    public var inputSize: Int { service.inputSize }
    /// How many frames the camera may have out at once before its oldest is dropped.
    public var maxWaiting: Int { service.perCameraLimit }
    private let service: DetectionService
    private let inbox = Mutex([Int: DetectionResult]())
    private let arrived = DispatchSemaphore(value: 0)
    private let tickets = Atomic<Int>(0)

    init(camera: String, service: DetectionService) {
        self.camera = camera
        self.service = service
    }

    /// Asks for the detections in `regions` of `image` and returns the frame's ticket. The image
    /// is not copied: it must stay unchanged until the result is taken. A `live` camera's job is
    /// dropped when it waited too long.
    public func submit(image: PixelBuffer, regions: [PlannedRegion], live: Bool) -> Int {
        let ticket = tickets.add(1, ordering: .relaxed).newValue
        service.submit(DetectionJob(ticket: ticket, image: image, regions: regions, live: live, submitted: ContinuousClock.now,
                                    client: self))
        return ticket
    }

    /// The result for `ticket` when it is back (taken out), else nil.
    public func result(_ ticket: Int) -> DetectionResult? {
        inbox.withLock { $0.removeValue(forKey: ticket) }
    }

    /// The result for `ticket`, waiting for it.
    public func wait(_ ticket: Int) -> DetectionResult {
        while true {
            if let result = result(ticket) { return result }
            arrived.wait()
        }
    }

    fileprivate func deliver(_ result: DetectionResult) {
        inbox.withLock { $0[result.ticket] = result }
        arrived.signal()
    }
}
