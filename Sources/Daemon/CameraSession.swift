import Detection
import Events
import Foundation
import FrameSources
import Logging
import Pipeline
import PixelCore
import Vision

/// The pipeline of one camera across its connections: motion, detection, tracks and events.
struct CameraSession {
    enum Ending {
        case stopped
        case endOfFile
        case failed(String)
    }

    let config: CameraConfig
    private let logger: Logger
    private let pipeline: MotionPipeline
    private var schedule: DetectionSchedule?
    /// Frames waiting for the shared detector's result, in order (at most 10 by default: a second
    /// at 10 fps).
    private var pending: PendingDetections<Void>?
    private let codes: CodeReadingMode?
    private let plates: PlateReadingMode?
    private let scene: SceneSettings
    private var analyzer: CameraAnalyzer?
    /// The connection's source, which keeps the packets for visit clips.
    private var source: FrameSource?
    private var lastMediaTime = 0.0
    private var lastDetections: [Detection] = []
    private var latencies = LatencyWindow()
    private let latest = LatestFrameEncoder()

    init(config: CameraConfig, parts: CameraWorker.Parts, logger: Logger) {
        self.config = config
        self.logger = logger
        // Default motion settings are valid, so this cannot fail.
        pipeline = try! MotionPipeline(settings: MotionSettings(), logger: logger)
        if let mode = config.detection.mode, let detector = parts.detector {
            var plan = RegionPlanSettings()
            plan.maxRunsPerSecond = config.detectionRate
            plan.refreshInterval = config.refreshSeconds
            schedule = DetectionSchedule(inputSize: detector.inputSize, mode: mode, plan: plan)
            pending = PendingDetections(client: detector)
        } else {
            schedule = nil
            pending = nil
        }
        codes = config.readCodes ? parts.codes : nil
        plates = config.readPlates ? parts.plates : nil
        var scene = config.scene
        scene.codeRules = parts.codeRules
        scene.laneVisits = parts.laneVisits
        scene.expectedVisits = parts.expectedVisits
        self.scene = scene
    }

    var sourceOptions: SourceOptions {
        var options = SourceOptions()
        options.request = schedule == nil ? pipeline.frameRequest : .fullColour
        options.realtime = config.realtime
        options.openTimeout = config.stallSeconds
        options.readTimeout = config.stallSeconds
        // Visits happen at gates: only a camera with one keeps packets for their clips.
        options.clipSeconds = config.gates.isEmpty ? 0 : config.clipSeconds
        return options
    }

    /// Runs one connection until it ends, fails or the worker stops. `announce`: send
    /// `camera.online` when the first frame comes (not when a looped file starts again).
    mutating func stream(_ source: FrameSource, health: inout CameraHealth, stopping: () -> Bool,
                         send: (NewEvent) -> Void, report: (CameraHealth) -> Void, latestFrame: (Data) -> Void,
                         announce: Bool, becameOnline: () -> Void) -> Ending {
        self.source = source
        // A new connection (after a loop or an outage) starts new tracks, a new background and a
        // new plan, so a looped file gives the same events on every pass.
        finish(send: send)
        pipeline.restart()
        schedule?.restart()
        lastDetections = []
        var window = RateWindow()
        var detectorRates = DetectorRates()
        var lastProcessed = -Double.infinity
        var fingerprint: UInt64?
        var unchangedSince = Date()
        var online = false
        while !stopping() {
            let frame: Frame
            do {
                guard let next = try source.next() else { return .endOfFile }
                frame = next
            } catch {
                if case .disconnected = error { health.noteStall() }
                return .failed(error.description)
            }
            let now = Date()
            window.read += 1
            health.lastFrame = now
            health.dropped = source.counters.dropped
            if !online {
                online = true
                becameOnline()
                health.state = .online
                health.reason = nil
                report(health)
                if announce { send(Self.cameraEvent(camera: config.id, .cameraOnline, state: .online, reason: nil)) }
            }
            // A frozen picture: identical pixels for `frozenSeconds` (live sensors never give that).
            let print = FrameFingerprint.of(frame.image)
            if print != fingerprint {
                fingerprint = print
                unchangedSince = now
                if health.state == .frozen {
                    health.state = .online
                    health.reason = nil
                    send(Self.cameraEvent(camera: config.id, .cameraOnline, state: .online, reason: "the picture changes again"))
                }
            } else if health.state == .online, now.timeIntervalSince(unchangedSince) >= config.frozenSeconds {
                health.state = .frozen
                health.reason = "the same picture for \(Int(config.frozenSeconds)) s"
                send(Self.cameraEvent(camera: config.id, .cameraDegraded, state: .frozen, reason: health.reason))
            }
            if config.maxFPS > 0, frame.info.mediaTime - lastProcessed < 1 / config.maxFPS { continue }
            lastProcessed = frame.info.mediaTime
            if process(frame, window: &window, send: send) > 0 {
                (health.latencyP50Ms, health.latencyP99Ms) = (latencies.percentile(0.5), latencies.percentile(0.99))
            }
            if let rates = window.close(at: now) {
                health.fpsRead = rates.read
                health.fpsProcessed = rates.processed
                detectorRates.add(runs: rates.runs, msPerRun: rates.msPerRun)
                health.detectorRunsPerSecond = detectorRates.runsPerSecond
                health.detectorMsPerRun = detectorRates.msPerRun
                report(health)
                if let jpeg = latest.jpeg(of: frame.image, detections: lastDetections) { latestFrame(jpeg) }
            }
        }
        return .stopped
    }

    /// Runs one frame through the pixel core and asks the shared detector for its regions; gives
    /// the tracker the frames whose detections are back. Returns how many events it sent.
    private mutating func process(_ frame: Frame, window: inout RateWindow, send: (NewEvent) -> Void) -> Int {
        let motion = pipeline.process(frame)
        window.processed += 1
        guard pending != nil, schedule != nil else { return 0 }
        // Through the optionals, in place: a copy would copy their arrays every frame.
        let planned = schedule?.regions(for: frame, motion: motion.regions)
        var sent = track(window: &window, send: send)
        guard let regions = planned else { return sent }
        if regions.isEmpty, pending?.isEmpty == true {
            return sent + analyze(frame, detections: [], motion: motion.regions, detectorRan: false, send: send)
        }
        // A bounded lag: with a second of frames held, the camera waits for the oldest.
        if pending?.isFull == true { sent += track(window: &window, send: send, waitingFor: 1) }
        pending?.add(frame, motion: motion.regions, regions: regions, live: config.realtime, tag: ())
        return sent
    }

    /// Gives the tracker the held frames, oldest first, while their detections are back (waiting
    /// for the first `waitingFor` of them); returns how many events it sent.
    private mutating func track(window: inout RateWindow, send: (NewEvent) -> Void, waitingFor count: Int = 0) -> Int {
        var sent = 0, taken = 0
        while let ready = pending?.next(wait: taken < count) {
            taken += 1
            if let result = ready.result, let failure = result.failure, !result.dropped {
                logger.error("detector failed", metadata: ["error": "\(failure)"])
            }
            if let result = ready.result, ready.detectorRan {
                window.runs += ready.regions.count
                window.detectMs += result.ms
                lastDetections = result.detections
            }
            sent += analyze(ready.frame, detections: ready.detections, motion: ready.motion, detectorRan: ready.detectorRan, send: send)
            pending?.release(ready)
        }
        return sent
    }

    /// Gives the tracker one frame; returns how many events it sent.
    private mutating func analyze(_ frame: Frame, detections: [Detection], motion: [Rect], detectorRan: Bool,
                                  send: (NewEvent) -> Void) -> Int {
        if analyzer == nil {
            // Event times are wall times: the first frame's capture time less its media time.
            let origin = frame.info.captureTime.addingTimeInterval(-frame.info.mediaTime)
            analyzer = try? CameraAnalyzer(settings: scene, width: frame.image.width, height: frame.image.height,
                                           origin: origin, codes: codes, plates: plates, logger: logger)
            if let source, config.clipSeconds > 0 {
                analyzer?.clips = { from, through in source.clip(from: from, through: through)?.mp4 }
            }
        }
        lastMediaTime = frame.info.mediaTime
        let events = analyzer?.process(frame, detections: detections, motion: motion, detectorRan: detectorRan) ?? []
        for event in events { send(event) }
        if !events.isEmpty { latencies.add(Date().timeIntervalSince(frame.info.captureTime) * 1000, count: events.count) }
        return events.count
    }

    /// Ends the current tracks (end of a connection or of the daemon) and sends what they owe,
    /// once the held frames had their detections.
    mutating func finish(send: (NewEvent) -> Void) {
        var window = RateWindow()
        _ = track(window: &window, send: send, waitingFor: .max)
        guard let analyzer else { return }
        for event in analyzer.finish(at: lastMediaTime) { send(event) }
        self.analyzer = nil
    }

    /// A camera state event, stamped now.
    static func cameraEvent(camera: String, _ type: EventType, state: CameraState, reason: String?) -> NewEvent {
        let now = Date()
        return NewEvent(id: "\(camera)-\(Int((now.timeIntervalSince1970 * 1000).rounded()))-0-\(type.rawValue)", type: type,
                        camera: camera, time: now, cameraState: CameraStatePayload(state: state, reason: reason))
    }

    func cameraEvent(_ type: EventType, state: CameraState, reason: String?) -> NewEvent {
        Self.cameraEvent(camera: config.id, type, state: state, reason: reason)
    }
}

/// The last 200 capture-to-event latencies, for the percentiles in the status.
struct LatencyWindow {
    private var values: [Double] = []

    mutating func add(_ milliseconds: Double, count: Int) {
        for _ in 0..<count { values.append(milliseconds) }
        if values.count > 200 { values.removeFirst(values.count - 200) }
    }

    func percentile(_ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        return (sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))] * 10).rounded() / 10
    }
}

/// Counts over one second of wall time, for the rates in the status.
struct RateWindow {
    var read = 0
    var processed = 0
    var runs = 0
    var detectMs = 0.0
    var start = Date()

    struct Rates {
        var read: Double
        var processed: Double
        var runs: Double
        var msPerRun: Double
    }

    /// The rates when a second has passed (and a new window begins), else nil.
    mutating func close(at now: Date) -> Rates? {
        let seconds = now.timeIntervalSince(start)
        guard seconds >= 1 else { return nil }
        let rates = Rates(read: Double(read) / seconds, processed: Double(processed) / seconds, runs: Double(runs) / seconds,
                          msPerRun: runs > 0 ? detectMs / Double(runs) : 0)
        self = RateWindow(start: now)
        return rates
    }
}

/// The detector's rates for the status, over the last seconds rather than the last one: a rate-capped
/// detector runs in some seconds and not in others, and a one-second window showed 0 ms per run and 0
/// runs per second half the time while it ran.
struct DetectorRates {
    /// Runs per second, averaged over about the last ten seconds.
    private(set) var runsPerSecond = 0.0
    /// Milliseconds per run, over the runs of about the last ten seconds that had any.
    private(set) var msPerRun = 0.0
    private var seconds = 0

    /// Adds one second's figures.
    mutating func add(runs: Double, msPerRun ms: Double) {
        seconds += 1
        // An average of the seconds so far, then an exponential one with a ten-second memory.
        let weight = max(0.1, 1 / Double(seconds))
        runsPerSecond += weight * (runs - runsPerSecond)
        if runs > 0 { msPerRun = msPerRun == 0 ? ms : msPerRun + max(0.1, min(1, runs / 10)) * (ms - msPerRun) }
    }
}
