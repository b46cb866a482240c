import Detection
import Events
import Foundation
import FrameSources
import Logging
import Pipeline
import Synchronization
import Vision

/// One camera, on a thread of its own (OpenCV and the decoder block; they must not hold up Swift's
/// shared executor or another camera). It opens the source, reconnects with exponential backoff,
/// notices stalls and frozen pictures, runs motion → detection → tracks → events, offers the events
/// to the queue, and reports its health.
public final class CameraWorker: Sendable {
    /// The camera's settings.
    public let config: CameraConfig
    private let parts: Mutex<Parts?>
    private let stopping = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let queue: EventQueue
    private let report: @Sendable (CameraHealth) -> Void
    private let latestFrame: @Sendable (Data) -> Void
    private let logger: Logger

    /// What the worker's thread owns: handed over once, when the thread starts.
    struct Parts: @unchecked Sendable {
        var detector: DetectionClient?
        var codes: CodeReadingMode?
        var codeRules: CodeRules
        var plates: PlateReadingMode?
        var laneVisits: LaneVisits?
        var expectedVisits: SharedExpectedVisits?
    }

    /// A worker for `config`. `detector` is its side of the detection service the cameras share;
    /// `codes` is how it reads container codes, usually the shared reading
    /// service (`.background`), judged by `codeRules`; `plates` how it reads licence plates;
    /// `laneVisits` the visits it shares with the other cameras of its lane.
    /// Create them before `start`, on one thread.
    /// `report` gets the camera's health when it changes and once a second; `latestFrame` an
    /// annotated JPEG of the newest frame once a second.
    public init(config: CameraConfig, detector: DetectionClient?, codes: CodeReadingMode?, codeRules: CodeRules = CodeRules(),
                plates: PlateReadingMode? = nil, laneVisits: LaneVisits? = nil, expectedVisits: SharedExpectedVisits? = nil, queue: EventQueue, logger: Logger,
                latestFrame: @escaping @Sendable (Data) -> Void = { _ in },
                report: @escaping @Sendable (CameraHealth) -> Void) {
        self.config = config
        self.latestFrame = latestFrame
        parts = Mutex(Parts(detector: detector, codes: codes, codeRules: codeRules, plates: plates, laneVisits: laneVisits,
                            expectedVisits: expectedVisits))
        self.queue = queue
        self.report = report
        var logger = logger
        logger[metadataKey: "camera"] = "\(config.id)"
        self.logger = logger
    }

    /// Starts the camera's thread.
    public func start() {
        let name = "cam-\(config.id)"
        let thread = Thread { [self] in
            // The kernel's name for the thread, which `top -H` and `perf` show (at most 15 bytes);
            // Foundation's `Thread.name` does not set it on Linux.
            try? Data(name.utf8.prefix(15)).write(to: URL(fileURLWithPath: "/proc/thread-self/comm"))
            // The reader's and OpenCV's threads, started from here, inherit the slice.
            ThreadSlice.throughput.apply()
            run()
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Asks the thread to stop and waits for it (up to `timeout` seconds); events already offered
    /// are the queue's to store.
    @discardableResult
    public func stop(timeout: Double = 10) -> Bool {
        stopping.store(true, ordering: .releasing)
        wake.signal()
        return finished.wait(timeout: .now() + timeout) == .success
    }

    private var isStopping: Bool { stopping.load(ordering: .acquiring) }

    private func run() {
        guard let parts = parts.withLock({ value -> Parts? in
            defer { value = nil }
            return value
        }) else { return }
        var health = CameraHealth(id: config.id)
        var session = CameraSession(config: config, parts: parts, logger: logger)
        var backoff = config.reconnectInitialSeconds
        var outage: String?
        var announced = false
        report(health)
        while !isStopping {
            let source: FrameSource
            do {
                source = try openSource(config.source, options: session.sourceOptions, logger: logger)
            } catch {
                health.noteReconnect()  // a retry follows, so /status counts it
                outage = note(outage, reason: error.description, health: &health)
                if !pause(backoff) { break }
                backoff = min(backoff * 2, config.reconnectMaxSeconds)
                continue
            }
            let ending = session.stream(source, health: &health, stopping: { self.isStopping }, send: offer, report: report,
                                        latestFrame: latestFrame, announce: !announced || outage != nil, becameOnline: {
                                            announced = true
                                            outage = nil
                                            backoff = self.config.reconnectInitialSeconds
                                        })
            source.close()
            switch ending {
            case .stopped:
                break
            case .endOfFile where config.loop:
                continue
            case .endOfFile:
                session.finish(send: offer)  // the tracks end with the footage, before the camera does
                health.state = .offline
                health.reason = "the footage ended"
                report(health)
                offer(session.cameraEvent(.cameraOffline, state: .offline, reason: "the footage ended"))
                _ = pause(.infinity)
            case let .failed(reason):
                health.noteReconnect()
                outage = note(outage, reason: reason, health: &health)
                if !pause(backoff) { break }
                backoff = min(backoff * 2, config.reconnectMaxSeconds)
            }
        }
        session.finish(send: offer)
    }

    /// Records that the camera is offline; the event is sent once per outage.
    private func note(_ outage: String?, reason: String, health: inout CameraHealth) -> String {
        health.state = .offline
        health.reason = reason
        report(health)
        if outage == nil {
            logger.warning("camera offline", metadata: ["reason": "\(reason)"])
            offer(CameraSession.cameraEvent(camera: config.id, .cameraOffline, state: .offline, reason: reason))
        }
        return reason
    }

    /// Waits `seconds` unless asked to stop; false when stopping.
    private func pause(_ seconds: Double) -> Bool {
        if seconds.isFinite { _ = wake.wait(timeout: .now() + seconds) } else { wake.wait() }
        return !isStopping
    }

    private func offer(_ event: NewEvent) {
        if !queue.offer(event) {
            logger.warning("event queue full: event dropped before it was stored", metadata: ["type": "\(event.type.rawValue)"])
        }
    }
}
