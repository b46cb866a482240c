import Foundation
import Tracking

/// One camera's settings.
public struct CameraConfig: Decodable, Sendable, Equatable {
    /// The id used in events, snapshots and the status (letters, digits, `-`, `_`).
    public var id: String
    /// A video file, image folder, `rtsp://` or `http://` URL, or `/dev/videoN`.
    public var source: String
    /// For files: start again at the end (a replayed camera that never ends).
    public var loop = false
    /// For files: pace at the footage's frame rate (as a camera would).
    public var realtime = true
    /// Frames per second to process at most (0: all).
    public var maxFPS = 0.0
    /// Where the detector looks.
    public var detection = CameraDetection.regions
    /// Detector runs per second at most (0: no cap).
    public var detectionRate = 4.0
    /// Seconds between whole-frame refreshes in tiles (0: off).
    public var refreshSeconds = 10.0
    /// Read container codes on container and truck tracks.
    public var readCodes = true
    /// Seconds without a frame before the camera counts as stalled and is reconnected.
    public var stallSeconds = 10.0
    /// Seconds of an unchanged picture before the camera counts as frozen.
    public var frozenSeconds = 30.0
    /// Reconnect backoff: first wait and cap, seconds.
    public var reconnectInitialSeconds = 1.0
    public var reconnectMaxSeconds = 60.0
    /// Polygon zones.
    public var zones: [Zone] = []
    /// Counting lines.
    public var lines: [CountingLine] = []
    /// Ids of the zones and lines that are gates.
    public var gates: [String] = []
    /// Read licence plates on trucks (when the configuration has a `plates` section).
    public var readPlates = true
    /// Seconds of the stream's encoded packets kept for visit clips, on a camera with a gate (0: no clips).
    public var clipSeconds = 60
    /// The lane the camera watches (from the configuration's `lanes`); nil: none named.
    public var lane: String?
    /// The cameras of that lane, this one among them.
    public var laneCameras: [String] = []
    /// The lane's cameras that see trucks from behind.
    public var laneRearCameras: [String] = []

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: ConfigKey.self)
        try c.rejectUnknown(["id", "source", "loop", "realtime", "max_fps", "detection", "detection_rate", "refresh_s",
                             "read_codes", "read_plates", "clip_s", "stall_s", "frozen_s", "reconnect_initial_s", "reconnect_max_s", "zones", "lines"])
        id = try c.required("id")
        source = try c.required("source")
        loop = try c.value("loop", or: loop)
        realtime = try c.value("realtime", or: realtime)
        maxFPS = try c.value("max_fps", or: maxFPS)
        detection = try c.choice("detection", or: detection)
        detectionRate = try c.value("detection_rate", or: detectionRate)
        refreshSeconds = try c.value("refresh_s", or: refreshSeconds)
        readCodes = try c.value("read_codes", or: readCodes)
        readPlates = try c.value("read_plates", or: readPlates)
        clipSeconds = try c.value("clip_s", or: clipSeconds)
        stallSeconds = try c.value("stall_s", or: stallSeconds)
        frozenSeconds = try c.value("frozen_s", or: frozenSeconds)
        reconnectInitialSeconds = try c.value("reconnect_initial_s", or: reconnectInitialSeconds)
        reconnectMaxSeconds = try c.value("reconnect_max_s", or: reconnectMaxSeconds)
        let zoneEntries: [ZoneEntry] = try c.value("zones", or: [])
        let lineEntries: [LineEntry] = try c.value("lines", or: [])
        try c.check(!id.isEmpty && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") },
                    "id", "use letters, digits, - and _ only (it names folders and MQTT topics)")
        try c.check(!source.isEmpty, "source", "a file, folder, URL or /dev/videoN")
        try c.check(maxFPS >= 0, "max_fps", "expected 0 (all frames) or more")
        try c.check(detectionRate >= 0, "detection_rate", "expected 0 (no cap) or more")
        try c.check(refreshSeconds >= 0, "refresh_s", "expected 0 (off) or more")
        try c.check(stallSeconds > 0, "stall_s", "expected more than 0")
        try c.check((0...600).contains(clipSeconds), "clip_s", "expected 0 (no clips) to 600 seconds (the packets are kept in memory)")
        try c.check(frozenSeconds > 0, "frozen_s", "expected more than 0")
        try c.check(reconnectInitialSeconds > 0 && reconnectMaxSeconds >= reconnectInitialSeconds, "reconnect_max_s",
                    "expected reconnect_initial_s > 0 and reconnect_max_s at least as long")
        zones = zoneEntries.map(\.zone)
        lines = lineEntries.map(\.line)
        gates = zoneEntries.filter(\.gate).map(\.zone.id) + lineEntries.filter(\.gate).map(\.line.id)
        let ids = zones.map(\.id) + lines.map(\.id)
        for (index, id) in ids.enumerated() where ids.firstIndex(of: id) != index {
            throw c.invalid(index < zones.count ? "zones" : "lines", "the id '\(id)' is used twice in this camera")
        }
    }
}

/// A zone as written in the config: `{id, points: [[x, y], ...], gate}`.
struct ZoneEntry: Decodable {
    var zone: Zone
    var gate: Bool

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: ConfigKey.self)
        try c.rejectUnknown(["id", "points", "gate"])
        let id: String = try c.required("id")
        let points: [[Double]] = try c.required("points")
        try c.check(points.allSatisfy { $0.count == 2 }, "points", "each point is [x, y] in frame pixels")
        do {
            zone = try Zone(id: id, points: points.map { Point(x: $0[0], y: $0[1]) })
        } catch {
            throw c.invalid("points", error.description)
        }
        gate = try c.value("gate", or: false)
    }
}

/// A counting line as written in the config.
struct LineEntry: Decodable {
    var line: CountingLine
    var gate: Bool

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: ConfigKey.self)
        try c.rejectUnknown(["id", "start", "end", "left_to_right", "right_to_left", "gate"])
        let start: [Double] = try c.required("start"), end: [Double] = try c.required("end")
        try c.check(start.count == 2, "start", "a point is [x, y] in frame pixels")
        try c.check(end.count == 2, "end", "a point is [x, y] in frame pixels")
        do {
            line = try CountingLine(id: try c.required("id"), start: Point(x: start[0], y: start[1]), end: Point(x: end[0], y: end[1]),
                                    leftToRight: try c.required("left_to_right"), rightToLeft: try c.required("right_to_left"))
        } catch let error as SceneConfigurationError {
            throw c.invalid("end", error.description)
        }
        gate = try c.value("gate", or: false)
    }
}
