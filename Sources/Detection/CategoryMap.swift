/// Where one model label goes in Portsight's categories.
public struct CategoryMapping: Sendable, Hashable, Codable {
    /// Portsight's category.
    public var category: ObjectCategory
    /// The label Portsight reports (a vehicle's subtype: car, truck, bus, motorcycle).
    public var label: String

    /// Creates a mapping.
    public init(_ category: ObjectCategory, label: String) {
        self.category = category
        self.label = label
    }
}

/// Turns a model's class labels into Portsight categories. Labels the map does not name are not
/// reported: a COCO model's `umbrella` is nobody's business at a gate.
public struct CategoryMap: Sendable, Equatable {
    /// Mapping by model label.
    public private(set) var mappings: [String: CategoryMapping]

    /// A map from model labels.
    public init(_ mappings: [String: CategoryMapping]) {
        self.mappings = mappings
    }

    /// The map for COCO models (YOLOv4-tiny and most YOLO releases): road vehicles and people.
    /// COCO has no container class; containers come from evidence (see `ContainerEvidence`).
    public static let coco = CategoryMap([
        "car": CategoryMapping(.vehicle, label: "car"),
        "truck": CategoryMapping(.vehicle, label: "truck"),
        "bus": CategoryMapping(.vehicle, label: "bus"),
        "motorbike": CategoryMapping(.vehicle, label: "motorcycle"),
        "motorcycle": CategoryMapping(.vehicle, label: "motorcycle"),
        "person": CategoryMapping(.person, label: "person"),
    ])

    /// Parses `"label": "category[/subtype]"` pairs, e.g. `"truck": "vehicle/truck"`,
    /// `"container": "container"`. The subtype defaults to the model label.
    public init(parsing entries: [String: String]) throws(CategoryMapError) {
        var mappings: [String: CategoryMapping] = [:]
        for (label, target) in entries.sorted(by: { $0.key < $1.key }) {
            let parts = target.split(separator: "/", maxSplits: 1).map(String.init)
            guard let first = parts.first, let category = ObjectCategory(rawValue: first) else {
                throw .unknownCategory(label: label, value: target)
            }
            mappings[label] = CategoryMapping(category, label: parts.count > 1 ? parts[1] : label)
        }
        self.mappings = mappings
    }

    /// The mapping of model class `label`, nil when it is not reported.
    public func mapping(for label: String) -> CategoryMapping? { mappings[label] }

    /// For each model class index, its mapping (nil: not reported). With `strict` (a map a site
    /// wrote), labels the model does not have are an error: almost always a typo or the wrong model.
    /// The built-in COCO map is not strict: it names both spellings of some classes.
    public func resolve(against modelLabels: [String], model: String, strict: Bool) throws(CategoryMapError) -> [CategoryMapping?] {
        if strict {
            let known = Set(modelLabels)
            let missing = mappings.keys.filter { !known.contains($0) }.sorted()
            if !missing.isEmpty { throw .labelsNotInModel(missing, model: model) }
        }
        return modelLabels.map { mappings[$0] }
    }
}

/// A category map that cannot be used.
public enum CategoryMapError: Error, Equatable, CustomStringConvertible {
    /// A value names no Portsight category.
    case unknownCategory(label: String, value: String)
    /// The map names labels the model does not have.
    case labelsNotInModel([String], model: String)

    public var description: String {
        switch self {
        case let .unknownCategory(label, value):
            let known = ObjectCategory.allCases.map(\.rawValue).joined(separator: ", ")
            return "category map: '\(label)' maps to '\(value)', which is not a category (use one of \(known), optionally with /subtype)"
        case let .labelsNotInModel(labels, model):
            return "category map names labels that \(model) does not have: \(labels.joined(separator: ", ")); check the model's class list (its .names file or metadata)"
        }
    }
}
