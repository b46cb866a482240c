import Feed
import Foundation
import Timing

extension CameraStatus {
    /// The feed's view of a worker's report.
    init(_ health: CameraHealth) {
        let hourAgo = Date().addingTimeInterval(-3600)
        self.init(id: health.id, state: health.state, fpsRead: health.fpsRead.rounded(toPlaces: 1),
                  fpsProcessed: health.fpsProcessed.rounded(toPlaces: 1), droppedFrames: Int64(health.dropped),
                  lastFrameAgeS: health.lastFrame.map { Date().timeIntervalSince($0).rounded(toPlaces: 2) },
                  reconnectsLastHour: health.reconnects.filter { $0 > hourAgo }.count,
                  stallsLastHour: health.stalls.filter { $0 > hourAgo }.count,
                  detectorRunsPerS: health.detectorRunsPerSecond.rounded(toPlaces: 2),
                  detectorMsPerRun: health.detectorMsPerRun.rounded(toPlaces: 1),
                  latencyP50Ms: health.latencyP50Ms, latencyP99Ms: health.latencyP99Ms)
    }
}
