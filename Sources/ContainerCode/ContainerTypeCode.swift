/// The last two characters of a size/type code: a detailed type (e.g. `G1`)
/// or, when details are unknown, a group code (e.g. `GP`).
public struct ContainerTypeCode: Hashable, Sendable, CustomStringConvertible {
    /// The two characters as written, e.g. `G1` or `GP`.
    public let code: String
    /// The group the type belongs to.
    public let group: ContainerTypeGroup
    /// What the code means, e.g. "passive vents at upper part of cargo space".
    public let details: String

    /// True when `code` is a group code rather than a detailed type.
    public var isGroupCode: Bool {
        code == group.rawValue
    }

    /// E.g. `G1: general purpose container without ventilation, passive vents at upper part of cargo space`.
    public var description: String {
        isGroupCode ? "\(code): \(group)" : "\(code): \(group), \(details)"
    }

    /// Looks up a detailed type or group code; nil when the standard does not assign it.
    public init?(code: String) {
        if let group = ContainerTypeGroup(rawValue: code) {
            self.init(code, group, group.description)
            return
        }
        // The ISO 6346:1995 Annex E table; numbers it leaves "spare" are not listed.
        switch code {
        case "G0": self.init(code, .generalPurpose, "openings at one or both ends")
        case "G1": self.init(code, .generalPurpose, "passive vents at upper part of cargo space")
        case "G2": self.init(code, .generalPurpose, "openings at one or both ends and full openings on one or both sides")
        case "G3": self.init(code, .generalPurpose, "openings at one or both ends and partial openings on one or both sides")
        case "V0": self.init(code, .ventilated, "non-mechanical, vents at lower and upper parts of cargo space")
        case "V2": self.init(code, .ventilated, "mechanical ventilation system located internally")
        case "V4": self.init(code, .ventilated, "mechanical ventilation system located externally")
        case "B0": self.init(code, .bulk, "closed")
        case "B1": self.init(code, .bulk, "airtight")
        case "B3": self.init(code, .pressurisedBulk, "horizontal discharge, test pressure 150 kPa")
        case "B4": self.init(code, .pressurisedBulk, "horizontal discharge, test pressure 265 kPa")
        case "B5": self.init(code, .pressurisedBulk, "tipping discharge, test pressure 150 kPa")
        case "B6": self.init(code, .pressurisedBulk, "tipping discharge, test pressure 265 kPa")
        case "S0": self.init(code, .namedCargo, "livestock carrier")
        case "S1": self.init(code, .namedCargo, "automobile carrier")
        case "S2": self.init(code, .namedCargo, "live fish carrier")
        case "R0": self.init(code, .refrigerated, "mechanically refrigerated")
        case "R1": self.init(code, .refrigeratedAndHeated, "mechanically refrigerated and heated")
        case "R2": self.init(code, .selfPoweredRefrigerated, "self-powered mechanically refrigerated")
        case "R3": self.init(code, .selfPoweredRefrigerated, "self-powered mechanically refrigerated and heated")
        case "H0": self.init(code, .removableEquipmentThermal, "removable equipment located externally, heat transfer coefficient K = 0.4 W/(m2 K)")
        case "H1": self.init(code, .removableEquipmentThermal, "removable equipment located internally")
        case "H2": self.init(code, .removableEquipmentThermal, "removable equipment located externally, heat transfer coefficient K = 0.7 W/(m2 K)")
        case "H5": self.init(code, .insulated, "heat transfer coefficient K = 0.4 W/(m2 K)")
        case "H6": self.init(code, .insulated, "heat transfer coefficient K = 0.7 W/(m2 K)")
        case "U0": self.init(code, .openTop, "openings at one or both ends")
        case "U1": self.init(code, .openTop, "openings at one or both ends and removable top members in end frames")
        case "U2": self.init(code, .openTop, "openings at one or both ends and openings at one or both sides")
        case "U3": self.init(code, .openTop, "openings at one or both ends and sides and removable top members in end frames")
        case "U4": self.init(code, .openTop, "openings at one or both ends, partial opening on one side and full opening on the other")
        case "U5": self.init(code, .openTop, "complete, fixed side and end walls (no doors)")
        case "P0": self.init(code, .platform, "plain platform")
        case "P1": self.init(code, .platformFixed, "two complete and fixed ends")
        case "P2": self.init(code, .platformFixed, "fixed posts, free-standing or with removable top member")
        case "P3": self.init(code, .platformCollapsible, "folding complete end structure")
        case "P4": self.init(code, .platformCollapsible, "folding posts, free-standing or with removable top member")
        case "P5": self.init(code, .platformSuperstructure, "open top, open ends (skeletal)")
        case "T0": self.init(code, .tankNonDangerous, "minimum test pressure 45 kPa")
        case "T1": self.init(code, .tankNonDangerous, "minimum test pressure 150 kPa")
        case "T2": self.init(code, .tankNonDangerous, "minimum test pressure 265 kPa")
        case "T3": self.init(code, .tankDangerous, "minimum test pressure 150 kPa")
        case "T4": self.init(code, .tankDangerous, "minimum test pressure 265 kPa")
        case "T5": self.init(code, .tankDangerous, "minimum test pressure 400 kPa")
        case "T6": self.init(code, .tankDangerous, "minimum test pressure 600 kPa")
        case "T7": self.init(code, .tankGas, "minimum test pressure 910 kPa")
        case "T8": self.init(code, .tankGas, "minimum test pressure 2200 kPa")
        case "T9": self.init(code, .tankGas, "minimum test pressure to be decided")
        case "A0": self.init(code, .airSurface, "air/surface container")
        default: return nil
        }
    }

    private init(_ code: String, _ group: ContainerTypeGroup, _ details: String) {
        self.code = code
        self.group = group
        self.details = details
    }
}
