import Detection

/// The tracker's settings: one `CategorySettings` per category plus how motion evidence is read.
///
/// Defaults follow ByteTrack (high 0.5, low 0.1, new track 0.6, IoU gates 0.2 / 0.5 / 0.3) and differ
/// by category where the objects do:
/// - vehicles: 3 hits to confirm, kept 1.5 s when lost (a car passing behind a truck at a gate is
///   hidden for about a second), stationary after 5 s within 10% of the box's smaller side;
/// - containers: lower score thresholds (0.4 high, 0.5 new: boxes inferred from truck cargo or a code
///   read score lower than a model's), kept 3 s when lost (stacks are missed often and cranes and
///   vehicles pass in front), stationary after 5 s;
/// - persons: 5 hits to confirm (small boxes, more false alarms from clutter), kept 1 s when lost,
///   stationary only after 10 s and within 30% (people sway and their boxes change with the gait).
public struct TrackerSettings: Sendable, Hashable, Codable {
    /// Settings for vehicles.
    public var vehicle: CategorySettings
    /// Settings for containers.
    public var container: CategorySettings
    /// Settings for persons.
    public var person: CategorySettings
    /// A stationary track with no detection is kept while motion covers at most this fraction of its
    /// box: its pixels have not changed, so it is still there (detectors often miss parked objects).
    public var motionReleaseFraction: Double
    /// Motion covering at least this fraction of the frame says nothing about single objects (a
    /// lighting step, camera shake): it is treated as unknown and stationary tracks are kept.
    public var unknownMotionCoverage: Double

    /// Creates settings; the defaults are described on the type.
    public init(
        vehicle: CategorySettings = TrackerSettings.defaultVehicle,
        container: CategorySettings = TrackerSettings.defaultContainer,
        person: CategorySettings = TrackerSettings.defaultPerson,
        motionReleaseFraction: Double = 0.2,
        unknownMotionCoverage: Double = 0.5
    ) {
        self.vehicle = vehicle
        self.container = container
        self.person = person
        self.motionReleaseFraction = motionReleaseFraction
        self.unknownMotionCoverage = unknownMotionCoverage
    }

    /// The default vehicle settings.
    public static let defaultVehicle = CategorySettings()

    /// Settings for a detector that does not see every frame: Portsight runs it on motion regions
    /// under a cap of a few runs per second, so an object is detected two to eight times a second,
    /// and a weak detection may be missed once in a while. Tracks confirm on two hits within two
    /// seconds, tentative ones survive a missed second, and lost ones are kept for three seconds.
    /// A vehicle moves a good part of its length between two looks, and a car coming out from
    /// behind a truck grows from one look to the next, so vehicles match at IoU 0.1, and low
    /// scores at 0.3 (not ByteTrack's 0.5), lost tracks included: one look that misses a truck
    /// loses its track, and a truck the detector then scores low was never found again.
    public static let gatedDetection = TrackerSettings(
        vehicle: CategorySettings(highScore: 0.45, newTrackScore: 0.5, matchIoU: 0.1, lowScoreMatchIoU: 0.3, lowScoreForLost: true,
                                  tentativeMatchIoU: 0.1,
                                  confirmHits: 2, confirmWindow: 2.0, maxLostTime: 3.0, tentativeMissTime: 1.0),
        container: CategorySettings(highScore: 0.4, newTrackScore: 0.45, matchIoU: 0.1, lowScoreMatchIoU: 0.3, lowScoreForLost: true,
                                    tentativeMatchIoU: 0.1,
                                    confirmHits: 2, confirmWindow: 2.0, maxLostTime: 3.0, tentativeMissTime: 1.0),
        person: CategorySettings(confirmHits: 3, confirmWindow: 2.0, maxLostTime: 2.0, stationaryTime: 10.0,
                                 stationaryTolerance: 0.3, tentativeMissTime: 1.0))
    /// The default container settings.
    public static let defaultContainer = CategorySettings(highScore: 0.4, newTrackScore: 0.5, maxLostTime: 3.0)
    /// The default person settings.
    public static let defaultPerson = CategorySettings(
        confirmHits: 5, maxLostTime: 1.0, stationaryTime: 10.0, stationaryTolerance: 0.3
    )

    /// The settings for one category.
    public subscript(category: ObjectCategory) -> CategorySettings {
        get {
            switch category {
            case .vehicle: vehicle
            case .container: container
            case .person: person
            }
        }
        set {
            switch category {
            case .vehicle: vehicle = newValue
            case .container: container = newValue
            case .person: person = newValue
            }
        }
    }
}
