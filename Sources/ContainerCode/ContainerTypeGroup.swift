/// The ISO 6346 type group: the two-letter code that classifies a container
/// when its detailed type is unknown, and the family of each detailed type.
public enum ContainerTypeGroup: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// GP: general purpose container without ventilation.
    case generalPurpose = "GP"
    /// VH: general purpose container with ventilation.
    case ventilated = "VH"
    /// BU: dry bulk container, non-pressurised.
    case bulk = "BU"
    /// BK: dry bulk container, pressurised.
    case pressurisedBulk = "BK"
    /// SN: named cargo container (livestock, automobiles, live fish).
    case namedCargo = "SN"
    /// RE: thermal container, mechanically refrigerated.
    case refrigerated = "RE"
    /// RT: thermal container, mechanically refrigerated and heated.
    case refrigeratedAndHeated = "RT"
    /// RS: thermal container, self-powered refrigeration and/or heating.
    case selfPoweredRefrigerated = "RS"
    /// HR: thermal container, refrigerated and/or heated with removable equipment.
    case removableEquipmentThermal = "HR"
    /// HI: thermal container, insulated.
    case insulated = "HI"
    /// UT: open-top container.
    case openTop = "UT"
    /// PL: platform (container).
    case platform = "PL"
    /// PF: platform-based container with fixed ends or posts.
    case platformFixed = "PF"
    /// PC: platform-based container with folding (collapsible) ends or posts.
    case platformCollapsible = "PC"
    /// PS: platform-based container with complete superstructure (skeletal).
    case platformSuperstructure = "PS"
    /// TN: tank container for non-dangerous liquids.
    case tankNonDangerous = "TN"
    /// TD: tank container for dangerous liquids.
    case tankDangerous = "TD"
    /// TG: tank container for gases.
    case tankGas = "TG"
    /// AS: air/surface container.
    case airSurface = "AS"

    /// A human-readable name of the group.
    public var description: String {
        switch self {
        case .generalPurpose: "general purpose container without ventilation"
        case .ventilated: "general purpose container with ventilation"
        case .bulk: "dry bulk container, non-pressurised"
        case .pressurisedBulk: "dry bulk container, pressurised"
        case .namedCargo: "named cargo container"
        case .refrigerated: "thermal container, mechanically refrigerated"
        case .refrigeratedAndHeated: "thermal container, mechanically refrigerated and heated"
        case .selfPoweredRefrigerated: "thermal container, self-powered refrigerated and/or heated"
        case .removableEquipmentThermal: "thermal container, refrigerated and/or heated with removable equipment"
        case .insulated: "thermal container, insulated"
        case .openTop: "open-top container"
        case .platform: "platform"
        case .platformFixed: "platform-based container with fixed ends"
        case .platformCollapsible: "platform-based container with folding ends"
        case .platformSuperstructure: "platform-based container with complete superstructure"
        case .tankNonDangerous: "tank container for non-dangerous liquids"
        case .tankDangerous: "tank container for dangerous liquids"
        case .tankGas: "tank container for gases"
        case .airSurface: "air/surface container"
        }
    }
}
