/// An imperial dimension such as 8'6", used for nominal container sizes.
public struct FeetAndInches: Hashable, Sendable, CustomStringConvertible {
    /// Whole feet.
    public let feet: Int
    /// Remaining inches, 0...11.
    public let inches: Int

    /// Creates a dimension of `feet` feet and `inches` inches.
    public init(feet: Int, inches: Int = 0) {
        self.feet = feet
        self.inches = inches
    }

    /// The dimension in inches.
    public var totalInches: Int {
        feet * 12 + inches
    }

    /// The usual notation, e.g. `9'6"`.
    public var description: String {
        "\(feet)'\(inches)\""
    }
}
