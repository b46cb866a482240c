import PixelCore

/// Where a code's character groups were found, in image pixels, when they were read as separate
/// lines of text (owner and category on one line, serial on the next, a boxed check digit).
public struct CodeGroupBoxes: Sendable, Equatable, Encodable {
    /// The owner code and category identifier (`CSQU`).
    public var owner: Rect
    /// The serial number (and the check digit, when painted with it).
    public var serial: Rect
    /// The check digit, when it was read on its own (painted in a box).
    public var checkDigit: Rect?

    /// The groups.
    public init(owner: Rect, serial: Rect, checkDigit: Rect? = nil) {
        self.owner = owner
        self.serial = serial
        self.checkDigit = checkDigit
    }

    /// The same groups with `map` applied to each box.
    func mapped(_ map: (Rect) -> Rect) -> CodeGroupBoxes {
        CodeGroupBoxes(owner: map(owner), serial: map(serial), checkDigit: checkDigit.map(map))
    }

    enum CodingKeys: String, CodingKey {
        case owner, serial
        case checkDigit = "check_digit"
    }
}
