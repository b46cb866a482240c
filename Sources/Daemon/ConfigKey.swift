/// Any key of a config mapping, so that unknown keys can be found and named.
public struct ConfigKey: CodingKey, Sendable {
    public var stringValue: String
    public var intValue: Int?

    /// A key by name.
    public init(_ string: String) { stringValue = string }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) {
        stringValue = "\(intValue)"
        self.intValue = intValue
    }
}

extension KeyedDecodingContainer where Key == ConfigKey {
    /// Throws for a key not in `known`, naming it and the keys that are allowed: a typo must not
    /// silently leave a setting at its default.
    public func rejectUnknown(_ known: [String]) throws {
        if let unknown = allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: codingPath + [ConfigKey(unknown)],
                debugDescription: "unknown key (allowed here: \(known.joined(separator: ", ")))"))
        }
    }

    /// The value at `key`, or `fallback` when the key is absent. A number must be finite (YAML
    /// allows `.inf` and `.nan`, which no setting means).
    public func value<T: Decodable>(_ key: String, or fallback: T) throws -> T {
        try finite(decodeIfPresent(T.self, forKey: ConfigKey(key)) ?? fallback, key)
    }

    /// The value at `key`, which must be there (and be finite, if a number).
    public func required<T: Decodable>(_ key: String) throws -> T {
        try finite(decode(T.self, forKey: ConfigKey(key)), key)
    }

    private func finite<T>(_ value: T, _ key: String) throws -> T {
        if let number = value as? Double, !number.isFinite { throw invalid(key, "expected a finite number, not \(number)") }
        return value
    }

    /// Throws `invalid(key, expected)` when `valid` is false.
    public func check(_ valid: Bool, _ key: String, _ expected: String) throws {
        if !valid { throw invalid(key, expected) }
    }

    /// An error at `key` saying what is expected there.
    public func invalid(_ key: String, _ expected: String) -> DecodingError {
        DecodingError.dataCorrupted(DecodingError.Context(codingPath: codingPath + [ConfigKey(key)], debugDescription: expected))
    }
}
