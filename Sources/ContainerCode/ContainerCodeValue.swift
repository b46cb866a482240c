/// A validated ISO 6346 container code such as `DFSU 438255 9`.
public struct ContainerCodeValue: Hashable, Sendable, CustomStringConvertible {
    /// The three-letter owner code, e.g. `DFS`.
    public let owner: String
    /// The equipment category identifier (fourth character).
    public let category: EquipmentCategory
    /// The six-digit serial number, kept as text so leading zeros survive.
    public let serial: String
    /// The check digit, 0...9.
    public let checkDigit: Int

    /// Parses and validates an eleven-character code. Spaces, dashes and
    /// lowercase are tolerated; the error names the first thing that is wrong.
    public init(parsing text: some StringProtocol) throws(ContainerCodeError) {
        self = try Self.validate(TextNormalization.compact(text)).get()
    }

    /// Parses the first ten characters (owner, category, serial) and computes
    /// the check digit, for readings where the check digit is missing.
    public init(inferringCheckDigit text: some StringProtocol) throws(ContainerCodeError) {
        let characters = TextNormalization.compact(text)
        guard characters.count == 10 else {
            throw .wrongLength(expected: 10, found: characters.count)
        }
        self = try Self.validatePrefix(characters[...], checkDigit: nil).get()
    }

    /// Builds a code from its parts, computing the check digit.
    public init(owner: String, category: EquipmentCategory, serial: String) throws(ContainerCodeError) {
        try self.init(inferringCheckDigit: owner + String(category.rawValue) + serial)
    }

    private init(owner: String, category: EquipmentCategory, serial: String, checkDigit: Int) {
        self.owner = owner
        self.category = category
        self.serial = serial
        self.checkDigit = checkDigit
    }

    /// True when `text` parses as a valid container code.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        // Validation returns a Result rather than throwing so hot loops
        // (search, property tests) do not pay for error propagation.
        if case .success = validate(TextNormalization.compact(text)) { true } else { false }
    }

    /// The compact eleven-character form, e.g. `DFSU4382559`.
    public var string: String {
        "\(owner)\(category.rawValue)\(serial)\(checkDigit)"
    }

    /// The form painted on containers, e.g. `DFSU 438255 9`.
    public var formatted: String {
        "\(owner)\(category.rawValue) \(serial) \(checkDigit)"
    }

    /// True when the check digit is 0. A 0 stands for remainder 0 or 10, so
    /// for these codes some single-character errors pass the check (the other
    /// remainder is one substitution away); the standard advises against
    /// issuing remainder-10 serials, and remainder-0 codes share the weakness.
    public var weakCheckDigit: Bool {
        checkDigit == 0
    }

    /// The compact form, same as `string`.
    public var description: String {
        string
    }

    private static func validate(_ characters: [Character]) -> Result<ContainerCodeValue, ContainerCodeError> {
        guard characters.count == 11 else {
            return .failure(.wrongLength(expected: 11, found: characters.count))
        }
        return validatePrefix(characters[0..<10], checkDigit: characters[10])
    }

    /// Checks owner, category and serial in order, then the check digit when
    /// one was given; computes it when `checkDigit` is nil.
    private static func validatePrefix(
        _ characters: ArraySlice<Character>,
        checkDigit: Character?
    ) -> Result<ContainerCodeValue, ContainerCodeError> {
        let start = characters.startIndex
        let owner = characters[start..<start + 3]
        guard owner.allSatisfy(TextNormalization.isLetter) else {
            return .failure(.ownerNotLetters(String(owner)))
        }
        guard let category = EquipmentCategory(rawValue: characters[start + 3]) else {
            return .failure(.invalidCategory(characters[start + 3]))
        }
        let serial = characters[start + 4..<start + 10]
        guard serial.allSatisfy(TextNormalization.isDigit) else {
            return .failure(.serialNotDigits(String(serial)))
        }
        return CheckDigit.remainder(of: characters).flatMap { remainder in
            let expected = CheckDigit.digit(forRemainder: remainder)
            if let checkDigit {
                guard TextNormalization.isDigit(checkDigit), let found = checkDigit.wholeNumberValue else {
                    return .failure(.checkDigitNotDigit(checkDigit))
                }
                guard found == expected else {
                    return .failure(.checkDigitMismatch(found: found, expected: expected))
                }
            }
            return .success(ContainerCodeValue(
                owner: String(owner), category: category, serial: String(serial), checkDigit: expected
            ))
        }
    }
}
