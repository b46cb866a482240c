import ContainerCode
import Foundation

/// Reads a list of expected container codes from a file (see `ExpectedCodes.init(parsing:)`).
public enum ExpectedCodesFile {
    /// The codes in the file at `path`.
    ///
    /// - Throws: `ExpectedCodesFileError` naming the file, and the line when a code is bad.
    public static func load(_ path: String) throws(ExpectedCodesFileError) -> ExpectedCodes {
        guard FileManager.default.fileExists(atPath: path) else { throw .unreadable(path: path, reason: "no such file") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        guard data.count <= 16 << 20 else { throw .unreadable(path: path, reason: "larger than 16 MB") }
        guard let text = String(data: data, encoding: .utf8) else { throw .unreadable(path: path, reason: "not UTF-8 text") }
        do {
            return try ExpectedCodes(parsing: text)
        } catch {
            throw .invalid(path: path, problem: error)
        }
    }
}

/// Why a list of expected codes could not be loaded.
public enum ExpectedCodesFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is missing, unreadable or not text.
    case unreadable(path: String, reason: String)
    /// A line does not hold a valid code.
    case invalid(path: String, problem: ExpectedCodesError)

    /// A sentence naming the file and what to do.
    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            "expected codes file \(path) cannot be read: \(reason)"
        case let .invalid(path, problem):
            "expected codes file \(path), \(problem)"
        }
    }
}
