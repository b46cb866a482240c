import ContainerCode
import Foundation
import Logging
import PixelCore
import Plates
import Synchronization
import Timing
import Vision

/// Reads container codes, and licence plates where a plate reader is given, for every camera on a
/// thread of its own, so that a read (tens to hundreds of milliseconds) never holds up a camera: its frames keep flowing through the pixel core and the
/// tracker, and the reads join their track when they come back. Cameras take turns (a busy camera
/// cannot starve a quiet one); a camera's oldest job is dropped when it has too many waiting, and a
/// job that waited too long to matter is dropped when its turn comes. Both are counted.
public final class CodeReadService: Sendable {
    /// How many jobs one camera may have waiting, and how long a job may wait.
    public struct Limits: Sendable {
        /// Jobs one camera may have waiting; a new one then drops the oldest.
        public var perCamera = 4
        /// A job that waited longer is dropped when its turn comes.
        public var maxWait: Duration = .seconds(10)

        /// The defaults.
        public init() {}
    }

    private let state: Mutex<State>
    private let wake = DispatchSemaphore(value: 0)
    private let limits: Limits
    private let logger: Logger
    private let expected: ExpectedContainers?
    private let plateRules: SharedPlateRules?
    private let detection: DetectionService?

    struct State {
        var jobs = FairQueue<CodeReadJob>()
        var stopping = false
        var stats = CodeReadStats()
        var runTimes = RecentValues()
        var waitTimes = RecentValues()
    }

    /// Starts the service's thread with `reader` (and `plates`, which reads plates under the
    /// `plateRules` as they are at each read); the thread then owns them. Code reads are resolved
    /// against the `expected` containers as they are at each read. While frames wait for the
    /// `detection` service, a read waits (up to 200 ms): every camera's tracks wait for detections.
    public init(reader: CodeReading, plates: PlateReading? = nil, plateRules: SharedPlateRules? = nil, limits: Limits = Limits(),
                expected: ExpectedContainers? = nil, yieldingTo detection: DetectionService? = nil, logger: Logger) {
        state = Mutex(State())
        self.limits = limits
        self.logger = logger
        self.expected = expected
        self.plateRules = plateRules
        self.detection = detection
        let owned = UncheckedReaders(codes: reader, plates: plates)
        let thread = Thread { [self] in
            try? Data("codes".utf8).write(to: URL(fileURLWithPath: "/proc/thread-self/comm"))
            // Reads can wait; frames cannot. On a full box the detector's threads come first
            // (on Linux the nice value is the calling thread's own).
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
            serve(owned)
        }
        thread.name = "codes"
        thread.start()
    }

    /// A camera's handle: it submits jobs and collects their results. A camera that is not `live`
    /// (a recorded file read as fast as it goes) waits for room instead of losing its oldest read.
    public func client(camera: String, live: Bool = true) -> CodeReadClient {
        CodeReadClient(camera: camera, service: self, live: live)
    }

    /// How many jobs one camera may have waiting.
    public var perCameraLimit: Int { limits.perCamera }

    /// The figures so far.
    public var stats: CodeReadStats {
        state.withLock { state in
            var stats = state.stats
            stats.queued = state.jobs.count
            stats.msP50 = state.runTimes.percentile(0.5)
            stats.msP99 = state.runTimes.percentile(0.99)
            stats.waitMsP50 = state.waitTimes.percentile(0.5)
            stats.waitMsP99 = state.waitTimes.percentile(0.99)
            return stats
        }
    }

    /// Asks the thread to stop after the read in progress; jobs still waiting are dropped.
    public func stop() {
        state.withLock { $0.stopping = true }
        wake.signal()
    }

    func submit(_ job: CodeReadJob) {
        let dropped: CodeReadJob? = state.withLock { state in
            let dropped = state.jobs.append(job, camera: job.camera, limit: limits.perCamera)
            if dropped != nil { state.stats.dropped += 1 }
            return dropped
        }
        if let dropped {
            dropped.client.deliver(CodeReadResult(track: dropped.track, mediaTime: dropped.mediaTime, kind: dropped.kind,
                                                  failure: "dropped: the camera had \(limits.perCamera) reads waiting"))
        }
        wake.signal()
    }

    /// The next job, cameras taking turns; nil when stopping.
    private func nextJob() -> CodeReadJob? {
        while true {
            let outcome: (job: CodeReadJob?, stop: Bool) = state.withLock { state in
                state.stopping ? (nil, true) : (state.jobs.next(), false)
            }
            if outcome.stop { return nil }
            if let job = outcome.job { return job }
            wake.wait()
        }
    }

    private func serve(_ readers: UncheckedReaders) {
        let clock = ContinuousClock()
        let closeUps = try? SnapshotMaker()
        while let job = nextJob() {
            detection?.waitWhileBehind(upTo: .milliseconds(200))
            let waited = clock.now - job.submitted
            if waited > limits.maxWait {
                state.withLock { $0.stats.dropped += 1 }
                job.client.deliver(CodeReadResult(track: job.track, mediaTime: job.mediaTime, kind: job.kind,
                                                  failure: "dropped: waited \(waited) for its turn"))
                continue
            }
            let start = clock.now
            var result = CodeReadResult(track: job.track, mediaTime: job.mediaTime, kind: job.kind)
            do {
                switch job.kind {
                case .codes:
                    result.reads = try readers.codes.read(job.pixels.view, region: nil, expected: expected?.codes ?? .none)
                    for read in result.reads where result.crops[read.code.string] == nil {
                        result.crops[read.code.string] = closeUps?.closeUp(of: job.pixels.view, box: read.box)
                    }
                case .plates:
                    if let plates = readers.plates, let rules = plateRules?.value {
                        result.plates = try plates.readPlates(job.pixels.view, region: nil, rules: rules)
                        if let best = result.plates.first(where: { $0.read != nil }), let read = best.read {
                            result.crops[read.text] = closeUps?.closeUp(of: job.pixels.view, box: best.box)
                        }
                    }
                }
            } catch {
                result.failure = "\(error)"
                logger.warning("\(job.kind) reader failed", metadata: ["camera": "\(job.camera)", "track": "\(job.track)", "error": "\(error)"])
            }
            let ms = (clock.now - start).inMilliseconds
            state.withLock { state in
                state.stats.runs += 1
                if job.kind == .plates { state.stats.plateRuns += 1 }
                state.runTimes.add(ms)
                state.waitTimes.add(waited.inMilliseconds)
            }
            job.client.deliver(result)
        }
    }
}

/// The readers handed to the service's thread, which alone uses them from then on.
private struct UncheckedReaders: @unchecked Sendable {
    let codes: CodeReading
    let plates: PlateReading?
}

/// What a job reads.
public enum ReadKind: String, Sendable {
    /// Container codes.
    case codes
    /// Licence plates.
    case plates
}

/// A read asked for by a camera: a copy of the region's pixels, so the camera's frame moves on.
struct CodeReadJob: @unchecked Sendable {
    let camera: String
    let track: Int
    let mediaTime: Double
    let kind: ReadKind
    let pixels: PixelBuffer
    let submitted: ContinuousClock.Instant
    let client: CodeReadClient
}

/// What a read found on a track, back at its camera.
public struct CodeReadResult: Sendable {
    /// The track the read was for.
    public var track: Int
    /// The media time of the frame it was read on.
    public var mediaTime: Double
    /// What was read.
    public var kind: ReadKind
    /// The codes read (none when it failed or was dropped, or for a plate read).
    public var reads: [ContainerCodeRead] = []
    /// The plates found (none for a code read).
    public var plates: [PlateFinding] = []
    /// Close-up JPEGs of what was read, by the code's or the plate's text.
    public var crops: [String: Data] = [:]
    /// Why nothing was read, when the read failed or was dropped.
    public var failure: String?
}

/// The service's figures: for `/status`, `/metrics` and the logs.
public struct CodeReadStats: Sendable, Equatable {
    /// Reads done, plate reads included.
    public var runs = 0
    /// Plate reads done.
    public var plateRuns = 0
    /// Jobs dropped: too many waiting for one camera, or waited too long.
    public var dropped = 0
    /// Jobs waiting now.
    public var queued = 0
    /// Milliseconds per read over the last reads: median and 99th percentile.
    public var msP50 = 0.0
    public var msP99 = 0.0
    /// Milliseconds a job waited for its turn: median and 99th percentile.
    public var waitMsP50 = 0.0
    public var waitMsP99 = 0.0
}

/// One camera's side of the service.
public final class CodeReadClient: Sendable {
    /// The camera.
    public let camera: String
    private let service: CodeReadService
    private let inbox = Mutex(Inbox())

    struct Inbox {
        var results: [CodeReadResult] = []
        var inFlight = 0  // asked for, not yet back
        var uncollected: [Int: Int] = [:]  // track → asked for, not yet collected
    }

    private let live: Bool

    init(camera: String, service: CodeReadService, live: Bool) {
        self.camera = camera
        self.service = service
        self.live = live
    }

    /// Asks for a read of `region` of `image` for `track` (codes, or plates); the pixels are copied.
    public func submit(track: Int, mediaTime: Double, image: ImageView, region: Rect, kind: ReadKind = .codes) {
        let view = ImageView(data: image.data + region.y * image.stride + region.x * image.channels, width: region.width,
                             height: region.height, channels: image.channels, stride: image.stride)
        if !live {
            // Its frames can wait and its reads must not be lost: hold the camera until there is room.
            let clock = ContinuousClock(), deadline = clock.now + .seconds(30)
            while inbox.withLock({ $0.inFlight }) >= service.perCameraLimit, clock.now < deadline {
                Thread.sleep(forTimeInterval: 0.002)
            }
        }
        let pixels = PixelBuffer(width: region.width, height: region.height, channels: image.channels)
        pixels.copy(from: view)
        inbox.withLock { inbox in
            inbox.inFlight += 1
            inbox.uncollected[track, default: 0] += 1
        }
        service.submit(CodeReadJob(camera: camera, track: track, mediaTime: mediaTime, kind: kind, pixels: pixels,
                                   submitted: ContinuousClock.now, client: self))
    }

    /// The results that came back since the last call, in the order they came.
    public func collect() -> [CodeReadResult] {
        inbox.withLock { inbox in
            defer { inbox.results.removeAll() }
            for result in inbox.results {
                let left = (inbox.uncollected[result.track] ?? 1) - 1
                inbox.uncollected[result.track] = left > 0 ? left : nil
            }
            return inbox.results
        }
    }

    /// Reads asked for `track` whose results have not been collected yet.
    public func pending(track: Int) -> Int {
        inbox.withLock { $0.uncollected[track] ?? 0 }
    }

    /// True when every read asked for has come back (collected or not).
    public var idle: Bool { inbox.withLock { $0.inFlight == 0 } }

    fileprivate func deliver(_ result: CodeReadResult) {
        inbox.withLock { inbox in
            inbox.results.append(result)
            inbox.inFlight -= 1
        }
    }
}

/// The last values seen (at most 256), for percentiles.
struct RecentValues {
    private var values: [Double] = []
    private var next = 0

    mutating func add(_ value: Double) {
        if values.count < 256 {
            values.append(value)
        } else {
            values[next] = value
            next = (next + 1) % 256
        }
    }

    func percentile(_ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }
}

/// How a camera's analyzer reads codes.
public enum CodeReadingMode {
    /// On the camera's thread, waiting for each read: replays give the same events every time.
    case inline(CodeReading)
    /// On the shared service's thread: the camera goes on, and reads join their track when they
    /// come back.
    case background(CodeReadClient)
}
