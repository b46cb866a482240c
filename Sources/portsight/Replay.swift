import ArgumentParser
import CommandOptions
import Daemon
import Detection
import Foundation
import FrameSources
import Logging
import Pipeline
import Vision

/// `portsight replay SOURCE`: runs footage through the pipeline and reports every frame.
struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay a video file, stream URL, V4L2 device, image folder or image through the pipeline.",
        discussion: """
        With --format jsonl, prints one JSON object per frame and a summary object at the end \
        ("summary": true). Recorded footage runs as fast as the CPU allows unless --realtime is given; \
        streams and devices always run live, keeping only the newest frame.
        """
    )

    @Argument(help: "A video file, a folder of JPEG/PNG images, an image, an rtsp:// or http:// URL, or /dev/videoN.")
    var source: String

    @Option(help: "Output: text (progress and summary) or jsonl (one object per frame, then the summary).")
    var format: OutputFormat = .text

    @Flag(help: "Pace recorded footage at its own frame rate.")
    var realtime = false

    @Flag(help: "Read recorded footage like a live camera: on its own thread, in real time, dropping frames the pipeline cannot keep up with.")
    var live = false

    @Option(help: "Stop after this many frames.")
    var maxFrames: Int?

    @Option(help: "Frame rate assumed for image folders.")
    var fps: Double = 10

    @Option(help: "Seconds to wait for a stream to open and for each of its frames.")
    var timeout: Double = 10

    @Flag(help: "Decode images at full resolution in colour instead of the smaller grey decode the pixel core needs.")
    var fullDecode = false

    @Option(help: "Object detection: regions (motion regions at native resolution plus a periodic tiled refresh), whole (the whole frame shrunk into one input) or off.")
    var detect: DetectSetting = .regions

    @Option(help: "At most this many detector runs per second of footage (each region is one run); 0 for no cap.")
    var detectRate = 4.0

    @Option(help: "Run the detector only on every N-th frame (motion still runs on every frame), e.g. to score against labelled frames.")
    var detectEvery = 1

    @Option(help: "Seconds between whole-frame refreshes in tiles (regions mode), so that objects that stopped moving are still seen; 0 turns it off.")
    var refresh = 10.0

    @Option(help: "Regions mode: a motion region is shrunk by at most this factor into the detector's input; larger ones are cut into squares.")
    var maxShrink = RegionPlanSettings().maxShrink

    @Option(help: "Regions mode: also search large motion regions in squares of input-size / N pixels (small vehicles seen larger); 0: off. Raise --max-regions with it.")
    var fineTiles = RegionPlanSettings().fineTiles

    @Flag(help: "Regions mode: do not also search a region too large for one input whole, shrunk (the overview).")
    var noOverview = false

    @Option(help: "Regions mode: at most this many motion regions per frame.")
    var maxRegions = RegionPlanSettings().maxRegionsPerFrame

    @Option(help: "A portsight.yml: the camera's zones, lines and gates (see samples/portsight.example.yml). Turns on tracking and events.")
    var config: String?

    @Option(help: "Which camera of --config to take (default: the first).")
    var camera: String?

    @Option(help: "Write the replay's events here as JSON lines, once stored (needs --config).")
    var events: String?

    @Option(help: "Store the events in this SQLite file (default: in memory).")
    var store: String?

    @Option(help: "Wall time of the footage's start, ISO 8601 (default: 1970-01-01T00:00:00Z, so event times are media times).")
    var startTime: String?

    @Flag(help: "Do not read container codes on container and truck tracks.")
    var noCodes = false

    @Flag(help: "Do not read licence plates on trucks (read when --config has a plates section).")
    var noPlates = false

    @Flag(help: "Do not store a video clip with each visit (gate.transaction) of a video file.")
    var noClips = false

    @Option(help: "Write the footage with zones, lines, tracks, reads and visits drawn on it to this MP4 (H.264; needs --config).")
    var annotate: String?

    @OptionGroup var motion: MotionOptions
    @OptionGroup var detector: DetectorOptions
    @OptionGroup var inference: InferenceOptions
    @OptionGroup var global: GlobalOptions

    enum DetectSetting: String, ExpressibleByArgument {
        case regions, whole, off
    }

    enum OutputFormat: String, ExpressibleByArgument {
        case text, jsonl
    }

    func validate() throws {
        if let maxFrames, maxFrames < 1 { throw ValidationError("--max-frames must be at least 1") }
        if !(fps > 0) { throw ValidationError("--fps must be positive") }
        if !(timeout > 0) { throw ValidationError("--timeout must be positive") }
        if !(detectRate >= 0) { throw ValidationError("--detect-rate must be 0 or more") }
        if (events != nil || store != nil || annotate != nil) && config == nil {
            throw ValidationError("--events, --store and --annotate need --config (the camera's scene)")
        }
        if config != nil && detect == .off { throw ValidationError("--config needs detection (--detect regions or whole)") }
        if let startTime, ISO8601DateFormatter().date(from: startTime) == nil {
            throw ValidationError("--start-time must be an ISO 8601 time such as 2026-11-29T10:00:00Z")
        }
        if detectEvery < 1 { throw ValidationError("--detect-every must be at least 1") }
        if !(refresh >= 0) { throw ValidationError("--refresh must be 0 or more") }
        if !(maxShrink >= 1 && maxShrink <= 16) { throw ValidationError("--max-shrink must be from 1 to 16") }
        if !(fineTiles == 0 || (fineTiles >= 0.5 && fineTiles <= 4)) { throw ValidationError("--fine-tiles must be 0 or from 0.5 to 4") }
        if !(1...64).contains(maxRegions) { throw ValidationError("--max-regions must be from 1 to 64") }
    }

    func run() throws {
        let logger = global.bootstrapLogging()
        let pipeline = try MotionPipeline(settings: motion.settings, logger: logger)
        var stage: DetectionStage?
        var detection: DetectionService?
        let engine = detect != .off || (config != nil && !(noCodes && noPlates)) ? try inference.makeEngine(logger: logger) : nil
        if detect != .off, let engine {
            var plan = RegionPlanSettings()
            plan.maxRunsPerSecond = detectRate
            plan.refreshInterval = refresh
            plan.maxShrink = maxShrink
            plan.fineTiles = fineTiles
            plan.overview = !noOverview
            plan.maxRegionsPerFrame = maxRegions
            // The detector runs on threads of its own while this one decodes the next frames.
            let perRun = engine.backend == .openvino ? inference.inferenceThreads : detector.threads
            let detectors: [Detector] = try (0..<DetectionService.threadCount(threadsPerRun: perRun)).map { _ in
                try detector.makeDetector(engine: engine)
            }
            let service = DetectionService(detectors: detectors, logger: logger)
            detection = service
            stage = DetectionStage(client: service.client(camera: "replay"), mode: detect == .whole ? .whole : .regions, plan: plan,
                                   every: detectEvery)
        }
        defer { detection?.stop() }
        var options = SourceOptions()
        // The detector needs colour at native resolution; motion alone needs only (shrunk) grey.
        options.request = fullDecode || stage != nil ? .fullColour : pipeline.frameRequest
        options.realtime = realtime
        options.live = live
        options.folderFPS = fps
        options.openTimeout = timeout
        options.readTimeout = timeout
        let chosen = try config.map(replayScene)
        let clipSeconds = chosen.map { $0.scene.gates.isEmpty || noClips ? 0 : $0.clipSeconds } ?? 0
        options.clipSeconds = clipSeconds
        let source = try openForCommand(self.source, options: options, logger: logger)
        defer { source.close() }

        let output = ReplayOutput(format: format)
        var analysis: EventAnalysis?
        if let chosen {
            analysis = try EventAnalysis(scene: chosen.scene, engine: engine, codes: !noCodes, plates: noPlates ? nil : chosen.plates,
                                         writer: try ReplayEvents(storePath: store, outputPath: events, logger: logger),
                                         origin: startTime.flatMap { ISO8601DateFormatter().date(from: $0) } ?? Date(timeIntervalSince1970: 0),
                                         logger: logger)
            if clipSeconds > 0 { analysis?.clips = { [source] from, through in source.clip(from: from, through: through)?.mp4 } }
            analysis?.annotation = annotate.map { ReplayAnnotation(path: $0, scene: chosen.scene) }
        }
        let summary = pipeline.run(source, maxFrames: maxFrames, detection: stage,
                                   analysis: analysis.map { a in { a.process($0, $1, $2) } }) { output.frame($0) }
        try analysis?.finish()
        output.finish(summary)
        if let analysis { logger.notice("events stored", metadata: ["count": "\(analysis.writer.count)"]) }
        if summary.error != nil { throw ExitCode(2) }
    }
}

extension Replay {
    /// The scene of `--camera` (or the first camera) in the configuration file, and the plates
    /// it reads.
    func replayScene(_ path: String) throws -> ReplayScene {
        let config: DaemonConfig
        do {
            config = try ConfigLoader.load(DaemonConfig.self, from: path)
        } catch {
            throw fail(error.description)
        }
        guard let chosen = camera.map({ id in config.cameras.first { $0.id == id } }) ?? config.cameras.first else {
            throw fail("\(path) has no camera '\(camera ?? "")' (it has: \(config.cameras.map(\.id).joined(separator: ", ")))")
        }
        var scene = chosen.scene
        // A replay holds its visits against the expected visits when the file is named.
        if let file = config.plates?.expected {
            do {
                scene.expectedVisits = SharedExpectedVisits(try ExpectedVisitsKeeper.read(path: file))
            } catch {
                throw fail(error.description)
            }
        }
        return ReplayScene(scene: scene, plates: chosen.readPlates ? config.plates?.rules : nil, clipSeconds: chosen.clipSeconds)
    }
}

/// What a replay watches for: the camera's scene and the plate rules, when it reads plates.
struct ReplayScene {
    var scene: SceneSettings
    var plates: PlateRules?
    /// Seconds of packets kept for visit clips (0: none).
    var clipSeconds: Int
}
