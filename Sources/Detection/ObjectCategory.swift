/// What Portsight calls an object, whatever label the model used.
public enum ObjectCategory: String, Sendable, Hashable, Codable, CaseIterable {
    /// A road vehicle; the detection's `label` says which kind (car, truck, bus, motorcycle).
    case vehicle
    /// A shipping container, from a model that knows them or from evidence (see `DetectionSource`).
    case container
    /// A person on foot: gate lanes and quays are work places.
    case person
}
