import ContainerCode
import Pipeline
import Synchronization

/// The lanes whose cameras share visits, made when their first camera starts (and again when a
/// reload changes a lane's cameras).
final class SharedLanes: Sendable {
    private let lanes = Mutex<[String: LaneVisits]>([:])
    private let identifyLevel: VerificationLevel

    /// Lanes announcing codes from `identifyLevel` up.
    init(identifyLevel: VerificationLevel) {
        self.identifyLevel = identifyLevel
    }

    /// The shared visits of `lane`, when it has several cameras (`rear` of them see trucks from
    /// behind).
    func visits(lane: String?, cameras: [String], rear: [String]) -> LaneVisits? {
        guard let lane, cameras.count > 1 else { return nil }
        return lanes.withLock { lanes in
            if let known = lanes[lane], known.cameras == cameras, known.rearCameras == Set(rear) { return known }
            let made = LaneVisits(lane: lane, cameras: cameras, rearCameras: Set(rear), identifyLevel: identifyLevel)
            lanes[lane] = made
            return made
        }
    }
}
