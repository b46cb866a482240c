import Events
import Synchronization

/// The in-memory status board: pipelines, the store's owner and the sinks write their figures
/// here as they go, and the feed reads them with `statusSnapshot()`.
///
/// One `Mutex` guards a plain struct: every call holds it for a few field copies, so writers on
/// the pipelines' hot paths never wait long and `/status` never waits at all for I/O.
public final class StatusBoard: FeedStatusSource {
    private let version: String
    private let startedAt: ContinuousClock.Instant
    private let clock: @Sendable () -> ContinuousClock.Instant
    private let state: Mutex<BoardState>

    /// Creates a board listing the configured cameras (each `starting`) and sinks (each `connecting`).
    ///
    /// - Parameter clock: what "now" is for the uptime; injected so tests can fix it.
    public init(
        version: String, cameras: [String], sinks: [String] = [],
        clock: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.version = version
        self.clock = clock
        self.startedAt = clock()
        state = Mutex(BoardState(cameras: cameras.map { CameraStatus(id: $0) }, sinks: sinks.map { SinkStatus(name: $0) }))
    }

    /// The current figures, with the uptime as of now.
    public func statusSnapshot() -> StatusSnapshot {
        let uptime = (clock() - startedAt) / .seconds(1)
        return state.withLock { board in
            StatusSnapshot(version: version, uptimeS: uptime, cameras: board.cameras, store: board.store, sinks: board.sinks,
                           inference: board.inference)
        }
    }

    /// Changes one camera's figures in place; a camera not on the board yet is added at the end.
    public func updateCamera(_ id: String, _ change: (inout CameraStatus) -> Void) {
        state.withLock { board in
            if let index = board.cameras.firstIndex(where: { $0.id == id }) {
                change(&board.cameras[index])
            } else {
                var camera = CameraStatus(id: id)
                change(&camera)
                board.cameras.append(camera)
            }
        }
    }

    /// Replaces one camera's figures (adding it when new).
    public func setCamera(_ camera: CameraStatus) {
        updateCamera(camera.id) { $0 = camera }
    }

    /// Sets one camera's state.
    public func setCameraState(_ id: String, _ cameraState: CameraState) {
        updateCamera(id) { $0.state = cameraState }
    }

    /// Takes a camera off the board (it left the configuration).
    public func removeCamera(_ id: String) {
        state.withLock { $0.cameras.removeAll { $0.id == id } }
    }

    /// Takes a sink off the board (it left the configuration).
    public func removeSink(_ name: String) {
        state.withLock { $0.sinks.removeAll { $0.name == name } }
    }

    /// Replaces the inference figures.
    public func setInference(_ inference: InferenceStatus) {
        state.withLock { $0.inference = inference }
    }

    /// Replaces the event store's figures.
    public func setStore(_ store: StoreStatus) {
        state.withLock { $0.store = store }
    }

    /// Changes one sink's figures in place; a sink not on the board yet is added at the end.
    public func updateSink(_ name: String, _ change: (inout SinkStatus) -> Void) {
        state.withLock { board in
            if let index = board.sinks.firstIndex(where: { $0.name == name }) {
                change(&board.sinks[index])
            } else {
                var sink = SinkStatus(name: name)
                change(&sink)
                board.sinks.append(sink)
            }
        }
    }

    /// Replaces one sink's figures (adding it when new).
    public func setSink(_ sink: SinkStatus) {
        updateSink(sink.name) { $0 = sink }
    }
}

/// What the board's lock guards.
private struct BoardState: Sendable {
    var cameras: [CameraStatus]
    var sinks: [SinkStatus]
    var store = StoreStatus()
    var inference = InferenceStatus()
}
