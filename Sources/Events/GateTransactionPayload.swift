import Foundation

/// One truck visit through a gate lane: the truck, its plate, the containers it carried from the
/// cab backwards, which way it went and when.
public struct GateTransactionPayload: Sendable, Hashable, Codable {
    /// The truck's track id.
    public var truckTrackID: Int
    /// The lane: its name from the configuration's `lanes`, else the camera's id.
    public var lane: String?
    /// The cameras of the lane whose records were merged into this one, the lead camera first;
    /// nil for a record of one camera.
    public var cameras: [String]?
    /// Which way the truck crossed the gate line, by the name the configuration gives that
    /// direction (`in`, `out`); nil when it passed a gate zone only.
    public var direction: String?
    /// The tractor's plate, when plates are read and one was seen.
    public var plate: PlatePayload?
    /// The plate the lane's rear cameras read when it is not the tractor's: a semi-trailer's own
    /// plate. Nil without rear cameras, or when they read the tractor's plate.
    public var trailerPlate: PlatePayload?
    /// How the visit compares with the expected visits, when the site keeps a list.
    public var expected: ExpectedVisitPayload?
    /// The containers on the truck, from the cab backwards, each with its `position`.
    public var containers: [ContainerPayload]
    /// Media time (seconds) when the truck entered the lane.
    public var enteredMediaTimeS: Double
    /// Media time (seconds) when the truck left the lane.
    public var leftMediaTimeS: Double
    /// Wall time when the truck entered the view (`2026-11-29T10:15:02.120Z`).
    public var enteredTime: String?
    /// Wall time when the truck left the view.
    public var leftTime: String?

    /// Creates a gate transaction payload.
    public init(truckTrackID: Int, containers: [ContainerPayload], enteredMediaTimeS: Double, leftMediaTimeS: Double,
                lane: String? = nil, direction: String? = nil, plate: PlatePayload? = nil, enteredTime: Date? = nil,
                leftTime: Date? = nil) {
        self.truckTrackID = truckTrackID
        self.containers = containers
        self.enteredMediaTimeS = enteredMediaTimeS
        self.leftMediaTimeS = leftMediaTimeS
        self.lane = lane
        self.direction = direction
        self.plate = plate
        self.enteredTime = enteredTime.map(EventTime.string)
        self.leftTime = leftTime.map(EventTime.string)
    }

    enum CodingKeys: String, CodingKey {
        case containers, lane, cameras, direction, plate, expected
        case trailerPlate = "trailer_plate"
        case truckTrackID = "truck_track_id"
        case enteredMediaTimeS = "entered_media_time_s"
        case leftMediaTimeS = "left_media_time_s"
        case enteredTime = "entered_time"
        case leftTime = "left_time"
    }
}

/// A visit held against the site's expected visits.
public struct ExpectedVisitPayload: Sendable, Hashable, Codable {
    /// True when the plate (as read, or corrected by one character) is on the list.
    public var plateExpected: Bool
    /// Containers read that the expected visit does not list (all of them when it is not expected).
    public var unexpectedContainers: [String]
    /// Containers the expected visit lists that were not read.
    public var missingContainers: [String]
    /// What is unexpected, in words; empty when the visit is as expected.
    public var reasons: [String]

    /// Creates the payload.
    public init(plateExpected: Bool, unexpectedContainers: [String], missingContainers: [String], reasons: [String]) {
        self.plateExpected = plateExpected
        self.unexpectedContainers = unexpectedContainers
        self.missingContainers = missingContainers
        self.reasons = reasons
    }

    enum CodingKeys: String, CodingKey {
        case reasons
        case plateExpected = "plate_expected"
        case unexpectedContainers = "unexpected_containers"
        case missingContainers = "missing_containers"
    }
}
