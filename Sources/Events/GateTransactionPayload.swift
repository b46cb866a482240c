/// One truck pass through a gate lane with the containers it carried.
public struct GateTransactionPayload: Sendable, Hashable, Codable {
    /// The truck's track id.
    public var truckTrackID: Int
    /// The containers read on the truck, front to back.
    public var containers: [ContainerPayload]
    /// Media time (seconds) when the truck entered the lane.
    public var enteredMediaTimeS: Double
    /// Media time (seconds) when the truck left the lane.
    public var leftMediaTimeS: Double

    /// Creates a gate transaction payload.
    public init(truckTrackID: Int, containers: [ContainerPayload], enteredMediaTimeS: Double, leftMediaTimeS: Double) {
        self.truckTrackID = truckTrackID
        self.containers = containers
        self.enteredMediaTimeS = enteredMediaTimeS
        self.leftMediaTimeS = leftMediaTimeS
    }

    enum CodingKeys: String, CodingKey {
        case containers
        case truckTrackID = "truck_track_id"
        case enteredMediaTimeS = "entered_media_time_s"
        case leftMediaTimeS = "left_media_time_s"
    }
}
