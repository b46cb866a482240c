import ContainerCode
import Events
import Foundation
import Synchronization

/// The visits of one gate lane watched by several cameras (a side camera for the codes, a front
/// one for the plate): each camera's record of a truck's passage is held until every camera of
/// the lane has moved past it, then the records that overlap in time, one per camera, are merged
/// into one `gate.transaction`. Shared by the lane's cameras, each on its own thread.
public final class LaneVisits: Sendable {
    /// How records are joined and how long they wait.
    public struct Settings: Sendable {
        /// Records of two cameras whose passages are this close (seconds) are one visit.
        public var joinGap = 10.0
        /// A visit waits until every camera of the lane is this far (seconds) past its end.
        public var hold = 5.0
        /// A visit waits at most this long (seconds) past its end for a camera that is behind.
        public var maxWait = 60.0

        /// The defaults.
        public init() {}
    }

    /// The lane's name.
    public let lane: String
    /// Its cameras, in the configuration's order: the first one's record leads a merged visit.
    public let cameras: [String]
    /// Those that see trucks from behind: the plate they read, when not the tractor's, is the
    /// trailer's.
    public let rearCameras: Set<String>
    /// The lowest verification level announced as identified: a code two cameras read is level 2.
    public let identifyLevel: VerificationLevel
    private let settings: Settings
    private let state = Mutex(State())

    struct State {
        var parts: [VisitPart] = []
        var clocks: [String: CameraClock] = [:]
    }

    /// Where one camera is: its latest time, the start of the oldest truck passage it still has
    /// open, and whether it stopped.
    struct CameraClock {
        var now: Date?
        var openSince: Date?
        var finished = false
    }

    /// A lane of `cameras`, `rearCameras` of them seeing trucks from behind, announcing codes
    /// from `identifyLevel` up.
    public init(lane: String, cameras: [String], rearCameras: Set<String> = [], identifyLevel: VerificationLevel = .checkDigit,
                settings: Settings = Settings()) {
        self.lane = lane
        self.cameras = cameras
        self.rearCameras = rearCameras
        self.identifyLevel = identifyLevel
        self.settings = settings
    }

    /// Holds one camera's record of a passage.
    func submit(_ part: VisitPart) {
        state.withLock { $0.parts.append(part) }
    }

    /// Notes where `camera` is (`finished` when its footage ended or it stopped) and returns the
    /// visits that are now complete, merged.
    func poll(camera: String, now: Date, openSince: Date?, finished: Bool = false) -> [NewEvent] {
        let ready: [[VisitPart]] = state.withLock { state in
            state.clocks[camera] = CameraClock(now: now, openSince: openSince, finished: finished)
            var ready: [[VisitPart]] = []
            for group in Self.groups(state.parts, joinGap: settings.joinGap) where isComplete(group, state.clocks, polledAt: now) {
                ready.append(group)
                state.parts.removeAll { part in group.contains { $0.event.id == part.event.id } }
            }
            return ready
        }
        return ready.map { VisitMerge(lane: cameras, rear: rearCameras, identifyLevel: identifyLevel).merged($0) }
    }

    /// The records as passages: sorted by start, each joined to the group before when it starts
    /// within `joinGap` of the group's end and comes from a camera not in it yet.
    static func groups(_ parts: [VisitPart], joinGap: Double) -> [[VisitPart]] {
        var groups: [[VisitPart]] = []
        for part in parts.sorted(by: { ($0.entered, $0.camera) < ($1.entered, $1.camera) }) {
            if let last = groups.last, let end = last.map(\.left).max(), part.entered <= end.addingTimeInterval(joinGap),
               !last.contains(where: { $0.camera == part.camera }) {
                groups[groups.count - 1].append(part)
            } else {
                groups.append([part])
            }
        }
        return groups
    }

    /// True when no camera of the lane can still add to `group`: each stopped, or is `hold`
    /// past its end with no passage open that started near it; or `maxWait` has passed.
    private func isComplete(_ group: [VisitPart], _ clocks: [String: CameraClock], polledAt now: Date) -> Bool {
        guard let end = group.map(\.left).max() else { return false }
        if now >= end.addingTimeInterval(settings.maxWait) { return true }
        return cameras.allSatisfy { camera in
            guard let clock = clocks[camera] else { return false }
            if clock.finished { return true }
            guard let seen = clock.now, seen >= end.addingTimeInterval(settings.hold) else { return false }
            return clock.openSince.map { $0 > end.addingTimeInterval(settings.joinGap) } ?? true
        }
    }
}

/// One camera's record of a truck's passage: its `gate.transaction`, with crops and snapshot,
/// held for merging.
struct VisitPart: Sendable {
    var camera: String
    var event: NewEvent
    var entered: Date
    var left: Date
}
