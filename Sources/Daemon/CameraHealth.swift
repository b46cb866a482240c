import Events
import Foundation

/// What a camera worker tells the daemon about itself, each time something changes and once a
/// second: the figures `/status` shows.
public struct CameraHealth: Sendable, Equatable {
    /// The camera's id.
    public var id: String
    /// Its state.
    public var state: CameraState
    /// Why it is not online, when it is not.
    public var reason: String?
    /// Frames read per second over the last second.
    public var fpsRead = 0.0
    /// Frames processed per second over the last second.
    public var fpsProcessed = 0.0
    /// Frames the source dropped because the pipeline was busy, since start.
    public var dropped = 0
    /// Wall time of the last frame.
    public var lastFrame: Date?
    /// When the camera was retried after it failed or could not be opened, over the last hour.
    public private(set) var reconnects: [Date] = []
    /// When the camera stalled (no frame in time), over the last hour.
    public private(set) var stalls: [Date] = []
    /// Detector runs in the last second, and milliseconds per run.
    public var detectorRunsPerSecond = 0.0
    public var detectorMsPerRun = 0.0
    /// Milliseconds from a frame's capture to its events being handed to the queue, median and
    /// 99th percentile over the last 200 events.
    public var latencyP50Ms: Double?
    public var latencyP99Ms: Double?

    /// A camera that is starting.
    public init(id: String) {
        self.id = id
        state = .starting
    }

    /// Notes a retry at `time`; only the last hour's are kept, so a camera that fails for days
    /// does not grow without bound.
    public mutating func noteReconnect(at time: Date = Date()) {
        reconnects.append(time)
        reconnects.removeAll { time.timeIntervalSince($0) > 3600 }
    }

    /// Notes a stall at `time`; only the last hour's are kept.
    public mutating func noteStall(at time: Date = Date()) {
        stalls.append(time)
        stalls.removeAll { time.timeIntervalSince($0) > 3600 }
    }
}
