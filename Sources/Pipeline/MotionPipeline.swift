import FrameSources
import Logging
import PixelCore
import Timing

/// One camera's pipeline as far as motion: frames from a source through the pixel core, one
/// report per frame. Runs on the caller's thread; the pixel core is rebuilt only when the
/// frame geometry changes.
public final class MotionPipeline {
    /// The pixel core's settings.
    public let settings: MotionSettings
    private let logger: Logger
    private var detector: MotionDetector?
    private var geometry: Geometry?

    /// A pipeline with the given settings; throws if a setting is out of range.
    public init(settings: MotionSettings, logger: Logger) throws(MotionSettingsError) {
        try settings.validate()
        self.settings = settings
        self.logger = logger
    }

    /// Forgets the background, for footage that starts again (a looped file, a new connection):
    /// its first frame must not be compared with the last frame of the one before.
    public func restart() {
        detector = nil
        geometry = nil
    }

    /// What a pipeline asks of its source: grey pixels, shrunk while decoding where the source can.
    public var frameRequest: FrameRequest { FrameRequest(format: .gray, workHeight: settings.workHeight) }

    /// Processes one frame.
    public func process(_ frame: Frame) -> MotionResult {
        let image = frame.image
        let range = frame.info.lumaRange
        // A value, not an array: checked every frame, it must not allocate.
        let shape = Geometry(frameWidth: frame.info.frameWidth, frameHeight: frame.info.frameHeight,
                             width: image.width, height: image.height, channels: image.channels, range: range)
        if shape != geometry || detector == nil {
            if let geometry {
                logger.notice("frame geometry changed; restarting the background model",
                              metadata: ["from": "\(geometry)", "to": "\(shape)"])
            }
            // Settings were validated in init, so this cannot throw.
            detector = try? MotionDetector(settings: settings, frameWidth: frame.info.frameWidth,
                                           frameHeight: frame.info.frameHeight, inputWidth: image.width,
                                           inputHeight: image.height, channels: image.channels, inputRange: range)
            geometry = shape
        }
        return detector!.process(image)
    }

    /// The working image size of the current geometry.
    public var workSize: [Int] {
        guard let detector else { return [] }
        return [detector.workImage.width, detector.workImage.height]
    }

    /// Replays `source` to its end (or `maxFrames`), calling `report` for every frame, in order,
    /// and returns the summary. With a `detection` stage (which needs BGR frames), the detector
    /// runs on the regions it plans from each frame's motion, on the detection service's threads
    /// while this one decodes the next frames, and `analysis` gets every frame with what the
    /// detector found (its `regions` are empty on frames it did not run on).
    /// A source that fails mid-way ends the run with the error in the summary; so does a detector
    /// that fails.
    public func run(_ source: FrameSource, maxFrames: Int? = nil, detection: DetectionStage? = nil,
                    analysis: ((Frame, DetectionOutcome, [Rect]) -> Void)? = nil,
                    report: (FrameReport) -> Void) -> ReplaySummary {
        let clock = ContinuousClock()
        let started = clock.now
        var replay = ReplayTally()
        var detection = detection
        var pending = detection.map { PendingDetections<HeldReport>(client: $0.client) }
        var failure: String?
        // Hands on a frame whose detections are back (or that had none asked for), in order.
        func finish(_ frame: Frame, _ held: HeldReport, _ outcome: DetectionOutcome?) {
            replay.detector.add(outcome)
            if let outcome { analysis?(frame, outcome, held.motion.regions) }
            replay.add(frame, held, outcome, report: report)
        }
        func take(_ ready: PendingDetections<HeldReport>.Ready) {
            if let result = ready.result, let error = result.failure, failure == nil {
                failure = error
                logger.error("detector failed", metadata: ["error": "\(error)"])
            }
            let outcome = ready.tag.skipped ? nil
                : DetectionOutcome(detections: ready.detections, regions: ready.regions, ms: ready.result?.ms ?? 0)
            finish(ready.frame, ready.tag, outcome)
        }
        var frames = 0
        while failure == nil, maxFrames.map({ frames < $0 }) ?? true {
            let t0 = clock.now
            let frame: Frame
            do {
                guard let next = try source.next() else { break }
                frame = next
            } catch {
                failure = error.description
                logger.error("source failed", metadata: ["source": "\(source.name)", "error": "\(error)"])
                break
            }
            let t1 = clock.now
            let result = process(frame)
            let held = HeldReport(motion: result, decodeMs: milliseconds(t1 - t0), pixelMs: milliseconds(clock.now - t1), skipped: false)
            frames += 1
            guard pending != nil else {
                finish(frame, held, nil)
                continue
            }
            while let ready = pending?.next() {
                take(ready)
                pending?.release(ready)
            }
            let regions = detection?.schedule.regions(for: frame, motion: result.regions)
            if regions?.isEmpty ?? true, pending?.isEmpty == true {
                finish(frame, HeldReport(held, skipped: regions == nil),
                       regions == nil ? nil : DetectionOutcome(detections: [], regions: [], ms: 0))
                continue
            }
            if pending?.isFull == true, let ready = pending?.next(wait: true) {
                take(ready)
                pending?.release(ready)
            }
            pending?.add(frame, motion: result.regions, regions: regions ?? [], live: false,
                         tag: HeldReport(held, skipped: regions == nil))
        }
        while let ready = pending?.next(wait: true) {
            take(ready)
            pending?.release(ready)
        }
        let seconds = (clock.now - started).inSeconds
        let counters = source.counters
        return ReplaySummary(
            source: source.name, frames: replay.frames, fps: (seconds > 0 ? Double(replay.frames) / seconds : 0).rounded(toPlaces: 1),
            seconds: seconds.rounded(toPlaces: 3), dropped: counters.dropped, corrupt: counters.corrupt,
            ignoredFiles: counters.ignoredFiles, truncated: counters.truncated,
            framesWithMotion: replay.framesWithMotion, lightingChanges: replay.lightingChanges,
            medianMs: StageTimes(decode: median(replay.decodeMs), pixel: median(replay.pixelMs)),
            frameSize: replay.frameSize, workSize: workSize, detection: detection.map { replay.detector.summary(mode: $0.mode) },
            error: failure)
    }
}

/// What a replay keeps of a frame until its detections are back: its motion and stage times.
struct HeldReport {
    var motion: MotionResult
    var decodeMs: Double
    var pixelMs: Double
    /// A frame the detection schedule skipped (`--detect-every`): no detection, no analysis.
    var skipped: Bool

    init(motion: MotionResult, decodeMs: Double, pixelMs: Double, skipped: Bool) {
        self.motion = motion
        self.decodeMs = decodeMs
        self.pixelMs = pixelMs
        self.skipped = skipped
    }

    init(_ held: HeldReport, skipped: Bool) {
        self = held
        self.skipped = skipped
    }
}

/// A replay's counts and times, frame by frame.
struct ReplayTally {
    var frames = 0
    var framesWithMotion = 0
    var lightingChanges = 0
    var decodeMs: [Double] = []
    var pixelMs: [Double] = []
    var frameSize: [Int] = []
    var detector = DetectorTally()

    mutating func add(_ frame: Frame, _ held: HeldReport, _ outcome: DetectionOutcome?, report: (FrameReport) -> Void) {
        let result = held.motion
        let times = StageTimes(decode: held.decodeMs, pixel: held.pixelMs, detect: outcome.map { $0.ms.rounded(toPlaces: 3) })
        decodeMs.append(times.decode)
        pixelMs.append(times.pixel)
        frames += 1
        if !result.regions.isEmpty { framesWithMotion += 1 }
        if result.lightingChange { lightingChanges += 1 }
        frameSize = [frame.info.frameWidth, frame.info.frameHeight]
        report(FrameReport(frame: frame.info.index, mediaTime: frame.info.mediaTime.rounded(toPlaces: 3),
                           regions: result.regions, motionFraction: result.motionFraction.rounded(toPlaces: 4),
                           lightingChange: result.lightingChange ? true : nil,
                           detections: outcome?.detections, detectorRuns: outcome?.regions.count, ms: times))
    }
}

/// The median of `values` (0 when empty), rounded to microseconds.
public func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let mid = sorted.count / 2
    let value = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    return value.rounded(toPlaces: 3)
}

func milliseconds(_ duration: Duration) -> Double {
    duration.inMilliseconds.rounded(toPlaces: 3)
}

/// Counts detector runs and their cost over a replay.
struct DetectorTally {
    var runs = 0
    var ms = 0.0
    var framesWithDetections = 0
    var detections = 0

    mutating func add(_ outcome: DetectionOutcome?) {
        guard let outcome else { return }
        runs += outcome.regions.count
        ms += outcome.ms
        if !outcome.detections.isEmpty { framesWithDetections += 1 }
        detections += outcome.detections.count
    }

    func summary(mode: DetectionMode) -> DetectionSummary {
        DetectionSummary(mode: mode, runs: runs, msPerRun: runs > 0 ? (ms / Double(runs)).rounded(toPlaces: 2) : 0,
                         totalMs: ms.rounded(toPlaces: 1), framesWithDetections: framesWithDetections, detections: detections)
    }
}

/// What the pixel core is built for; a change rebuilds it.
struct Geometry: Equatable {
    var frameWidth: Int
    var frameHeight: Int
    var width: Int
    var height: Int
    var channels: Int
    var range: LumaRange
}
