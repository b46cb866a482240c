import Foundation
import Events
import Vision

/// `portsight run`'s configuration (YAML). Every section has defaults except the cameras; unknown
/// keys are errors. `samples/portsight.example.yml` shows every option with a comment.
public struct DaemonConfig: Decodable, Sendable, Equatable {
    /// The site's name, used in MQTT topics and the status.
    public var site: String
    /// Where events are kept.
    public var store: StoreConfig
    /// The HTTP feed.
    public var feed: FeedConfig
    /// How networks run: the backend and its threads.
    public var inference: InferenceConfig
    /// The object detector, shared by the cameras.
    public var detector: DetectorConfig
    /// The OCR models folder for container codes.
    public var ocrModels: String
    /// How container codes are judged: the level announced, the expected containers.
    public var codes: CodesConfig
    /// The licence plates read, if any.
    public var plates: PlatesConfig?
    /// The gate lanes and their cameras.
    public var lanes: [LaneConfig]
    /// The cameras.
    public var cameras: [CameraConfig]
    /// Where events are delivered besides the feed: MQTT brokers and webhooks.
    public var sinks: [SinkEntry]

    /// The most cameras one daemon runs.
    public static let maxCameras = 64

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: ConfigKey.self)
        try c.rejectUnknown(["site", "store", "feed", "inference", "detector", "ocr_models", "codes", "plates", "lanes", "cameras", "sinks"])
        site = try c.value("site", or: "portsight")
        store = try c.value("store", or: StoreConfig())
        feed = try c.value("feed", or: FeedConfig())
        inference = try c.value("inference", or: InferenceConfig())
        detector = try c.value("detector", or: DetectorConfig())
        ocrModels = try c.value("ocr_models", or: "models/ocr")
        codes = try c.value("codes", or: CodesConfig())
        plates = try c.decodeIfPresent(PlatesConfig.self, forKey: ConfigKey("plates"))
        lanes = try c.value("lanes", or: [])
        cameras = try c.required("cameras")
        sinks = try c.value("sinks", or: [])
        try c.check(!cameras.isEmpty, "cameras", "at least one camera is needed")
        try c.check(cameras.count <= Self.maxCameras, "cameras",
                    "\(cameras.count) cameras: one daemon runs at most \(Self.maxCameras) (each is a thread and a decoder); split them across daemons")
        var seen = Set<String>()
        for camera in cameras where !seen.insert(camera.id).inserted {
            throw c.invalid("cameras", "camera id '\(camera.id)' is used twice; ids must be unique")
        }
        try Self.assignLanes(lanes, to: &cameras, in: c)
        try c.check(site.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) } && !site.isEmpty,
                    "site", "use letters, digits, - and _ only (it is an MQTT topic level)")
        var names = Set<String>()
        for index in sinks.indices where !names.insert(sinks[index].name).inserted && sinks[index].problem == nil {
            // A duplicate would share the first one's cursor: keep the first, fail the other.
            sinks[index].sink = nil
            let key = c.codingPath + [ConfigKey("sinks"), ConfigKey(intValue: index)!, ConfigKey("name")]
            sinks[index].problem = ConfigLoader.locate(
                DecodingError.dataCorrupted(.init(codingPath: key, debugDescription: "sink name '\(sinks[index].name)' is used twice; names must be unique")),
                userInfo: decoder.userInfo)
        }
        try c.check(feed.token != nil || feed.isLoopback, "feed",
                    "the feed listens on \(feed.host) but no token is set: set feed.token or listen on 127.0.0.1")
    }
}

extension DaemonConfig {
    /// Names each camera's lane; a lane that names an unknown camera, or a camera in two lanes, is
    /// an error.
    static func assignLanes(_ lanes: [LaneConfig], to cameras: inout [CameraConfig], in c: KeyedDecodingContainer<ConfigKey>) throws {
        var lanesSeen = Set<String>()
        for lane in lanes {
            guard lanesSeen.insert(lane.id).inserted else { throw c.invalid("lanes", "lane '\(lane.id)' is named twice") }
            for camera in lane.cameras {
                guard let index = cameras.firstIndex(where: { $0.id == camera }) else {
                    throw c.invalid("lanes", "lane '\(lane.id)' names camera '\(camera)', which is not among the cameras (\(cameras.map(\.id).joined(separator: ", ")))")
                }
                if let other = cameras[index].lane {
                    throw c.invalid("lanes", "camera '\(camera)' is in lanes '\(other)' and '\(lane.id)'; a camera watches one lane")
                }
                cameras[index].lane = lane.id
                cameras[index].laneCameras = lane.cameras
                cameras[index].laneRearCameras = lane.rear
            }
        }
    }
}

/// The event store's settings.
public struct StoreConfig: Decodable, Sendable, Equatable {
    /// The SQLite file; snapshots go next to it.
    public var path = "portsight-data/events.sqlite"
    /// `full` (survives power cuts) or `normal` (survives crashes only).
    public var synchronous = SQLiteEventStore.Synchronous.full
    /// Events older than this many days are removed (0: keep).
    public var maxAgeDays = 30.0
    /// The database and snapshots are kept under this many megabytes (0: no limit).
    public var maxSizeMB = 2048.0

    /// The defaults.
    public init() {}

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: ConfigKey.self)
        try c.rejectUnknown(["path", "synchronous", "max_age_days", "max_size_mb"])
        path = try c.value("path", or: path)
        synchronous = try c.choice("synchronous", or: synchronous)
        maxAgeDays = try c.value("max_age_days", or: maxAgeDays)
        maxSizeMB = try c.value("max_size_mb", or: maxSizeMB)
        try c.check(maxAgeDays >= 0, "max_age_days", "expected 0 (keep) or more")
        try c.check(maxSizeMB >= 0, "max_size_mb", "expected 0 (no limit) or more")
    }
}

/// The HTTP feed's settings.
public struct FeedConfig: Decodable, Sendable, Equatable {
    /// The address to listen on.
    public var host = "127.0.0.1"
    /// The port.
    public var port = 8080
    /// The bearer token; required unless the feed listens on loopback only.
    public var token: String?
    /// The most connections open at once; beyond it the longest-idle one is closed.
    public var maxConnections = 128
    /// The most event streams open at once; more get 503.
    public var maxStreams = 32

    /// The defaults: loopback, port 8080, no token.
    public init() {}

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: ConfigKey.self)
        try c.rejectUnknown(["host", "port", "token", "max_connections", "max_streams"])
        host = try c.value("host", or: host)
        port = try c.value("port", or: port)
        token = try c.decodeIfPresent(String.self, forKey: ConfigKey("token")).flatMap { $0.isEmpty ? nil : $0 }
        maxConnections = try c.value("max_connections", or: maxConnections)
        maxStreams = try c.value("max_streams", or: maxStreams)
        try c.check((1...65535).contains(port), "port", "expected a port number from 1 to 65535")
        try c.check(token.map { $0.count >= 16 } ?? true, "token", "use a token of at least 16 characters")
        try c.check(HostAddress.resolves(host), "host",
                    "'\(host)' is not an address this machine can listen on: use 127.0.0.1 (this machine only), 0.0.0.0 (every interface) or one of its addresses")
        try c.check((2...4096).contains(maxConnections), "max_connections", "expected 2 to 4096 (each connection is a file descriptor)")
        try c.check((1..<maxConnections).contains(maxStreams), "max_streams",
                    "expected 1 to \(maxConnections - 1): below max_connections, so that streams never fill the feed")
    }

    /// True when only this machine can reach the feed.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

/// The detector's settings (shared by all cameras: one model in memory).
public struct DetectorConfig: Decodable, Sendable, Equatable {
    /// Weights (`.weights` or `.onnx`).
    public var model = "models/yolov4-tiny/yolov4-tiny.weights"
    /// Darknet `.cfg`, for `darknet` models.
    public var modelConfig: String? = "models/yolov4-tiny/yolov4-tiny.cfg"
    /// Class labels, one per line.
    public var labels = "models/yolov4-tiny/coco.names"
    /// How the model's output is laid out.
    public var layout = DetectorLayout.darknet
    /// The bundled detector's precision under OpenVINO.
    public var precision = DetectorPrecision.int8
    /// Input size, a multiple of 32.
    public var inputSize = 416
    /// Detections scoring lower are dropped.
    public var score = 0.25
    /// OpenCV threads.
    public var threads = 1
    /// Model label → `category[/subtype]`; nil: the built-in COCO map.
    public var categories: [String: String]?

    /// The defaults: YOLOv4-tiny as scripts/get-models installs it.
    public init() {}

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: ConfigKey.self)
        try c.rejectUnknown(["model", "model_config", "labels", "layout", "precision", "input_size", "score", "threads", "categories"])
        model = try c.value("model", or: model)
        modelConfig = try c.decodeIfPresent(String.self, forKey: ConfigKey("model_config")) ?? (c.contains(ConfigKey("model")) ? nil : modelConfig)
        labels = try c.value("labels", or: labels)
        layout = try c.choice("layout", or: layout)
        precision = try c.choice("precision", or: precision)
        inputSize = try c.value("input_size", or: inputSize)
        score = try c.value("score", or: score)
        threads = try c.value("threads", or: threads)
        categories = try c.decodeIfPresent([String: String].self, forKey: ConfigKey("categories"))
        try c.check(layout != .darknet || modelConfig != nil, "model_config", "a darknet model needs its .cfg file")
        try c.check(inputSize >= 32 && inputSize % 32 == 0, "input_size", "expected a positive multiple of 32")
        try c.check((0...1).contains(score), "score", "expected a number from 0 to 1")
        try c.check(threads >= 1, "threads", "expected 1 or more")
    }
}
