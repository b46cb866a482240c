/// A config file that cannot be used: where (file, line, key) and what is expected.
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// The line, when the YAML says where.
    public var line: Int?
    /// The key path, e.g. `cameras[0].zones[1].points`.
    public var key: String
    /// What is wrong and what is expected.
    public var message: String

    /// An error.
    public init(file: String, line: Int?, key: String, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(key.isEmpty ? "" : key + ": ")\(message)"
    }
}
