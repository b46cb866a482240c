import Foundation
import Logging
import Pipeline
import Plates

/// Keeps the expected visits of one file (`plates.expected`): read at start, where a file that
/// does not parse stops the start, and again on SIGHUP, where it leaves the list in use.
public final class ExpectedVisitsKeeper: Sendable {
    /// The list the cameras use.
    public let visits = SharedExpectedVisits(.none)
    /// The file.
    public let path: String
    private let logger: Logger

    /// A keeper of the file at `path`, with an empty list until `load()`.
    public init(path: String, logger: Logger) {
        self.path = path
        self.logger = logger
    }

    func read() throws(DaemonError) -> ExpectedVisits {
        try Self.read(path: path)
    }

    /// The list in the file at `path` (empty when there is no file).
    ///
    /// - Throws: `DaemonError.expectedVisits` naming the file, the line and what is wrong.
    public static func read(path: String) throws(DaemonError) -> ExpectedVisits {
        guard FileManager.default.fileExists(atPath: path) else { return .none }
        guard let data = FileManager.default.contents(atPath: path), data.count <= 16 << 20,
              let text = String(data: data, encoding: .utf8) else {
            throw .expectedVisits("expected visits file \(path) cannot be read (missing permission, larger than 16 MB, or not UTF-8 text)")
        }
        do {
            return try ExpectedVisits(parsing: text)
        } catch {
            throw .expectedVisits("expected visits file \(path), \(error.description)")
        }
    }

    /// Reads the file at start.
    public func load() throws(DaemonError) {
        let list = try read()
        visits.replace(with: list)
        if list.count > 0 { logger.notice("expected visits loaded", metadata: ["file": "\(path)", "visits": "\(list.count)"]) }
    }

    /// Reads the file again; a file that does not parse changes nothing.
    public func reload() {
        do {
            let list = try read()
            visits.replace(with: list)
            logger.notice("expected visits reloaded", metadata: ["file": "\(path)", "visits": "\(list.count)"])
        } catch {
            logger.error("expected visits not reloaded; the list in use stays (\(visits.value.count) visits)",
                         metadata: ["error": "\(error)"])
        }
    }
}
