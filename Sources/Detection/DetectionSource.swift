/// Which route found a detection. Containers have three: a model with a container class, the
/// cargo area of a truck, and the text around a read ISO 6346 code.
public enum DetectionSource: String, Sendable, Hashable, Codable, CaseIterable {
    /// The object detector reported it directly.
    case model
    /// Inferred from a truck detection whose cargo area holds a container.
    case truckCargo = "truck_cargo"
    /// Inferred from the region around a container code the reader read.
    case containerCode = "container_code"
}
