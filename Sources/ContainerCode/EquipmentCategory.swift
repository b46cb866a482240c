/// The equipment category identifier, the fourth character of a container code.
public enum EquipmentCategory: Character, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// `U`: any freight container.
    case freightContainer = "U"
    /// `J`: detachable freight-container-related equipment (e.g. a clip-on generator set).
    case detachableEquipment = "J"
    /// `Z`: trailer or chassis.
    case trailerOrChassis = "Z"

    /// A human-readable name of the category.
    public var description: String {
        switch self {
        case .freightContainer: "freight container"
        case .detachableEquipment: "detachable freight container-related equipment"
        case .trailerOrChassis: "trailer or chassis"
        }
    }
}
