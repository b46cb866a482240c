import ContainerCode
import Feed
import Foundation
import Logging
import Pipeline
import Synchronization
import Vision

/// Keeps the expected containers in one file: loaded at start and on SIGHUP, written by
/// `PUT /expected` (to a temporary file, then renamed over the old one, so a crash or a full disk
/// never leaves half a list), and shared with the cameras through `containers`.
final class ExpectedListKeeper: ExpectedList {
    /// The list the cameras and the code reader use.
    let containers = ExpectedContainers()
    let path: String
    private let logger: Logger
    /// One change at a time: a file write and the swap go together.
    private let changing = Mutex(())

    init(path: String, logger: Logger) {
        self.path = path
        self.logger = logger
    }

    /// Reads the file again. A missing file is an empty list; a bad one changes nothing.
    func reload() {
        changing.withLock { _ in
            guard FileManager.default.fileExists(atPath: path) else {
                if !containers.codes.isEmpty { logger.notice("expected containers: \(path) is gone; the list is now empty") }
                containers.replace(with: .none)
                return
            }
            do {
                let codes = try ExpectedCodesFile.load(path)
                containers.replace(with: codes)
                logger.notice("expected containers loaded", metadata: ["file": "\(path)", "codes": "\(codes.count)"])
            } catch {
                logger.error("expected containers not loaded; the list in use stays (\(containers.codes.count) codes)",
                             metadata: ["error": "\(error)"])
            }
        }
    }

    func expectedCodes() -> [String] {
        containers.codes.sorted.map(\.string)
    }

    func replaceExpected(text: String) throws(ExpectedListRejection) -> Int {
        let codes: ExpectedCodes
        do {
            codes = try ExpectedCodes(parsing: text)
        } catch {
            throw .invalid(error.description)
        }
        let saved: Result<Void, ExpectedListRejection> = changing.withLock { _ in
            do {
                let url = URL(fileURLWithPath: path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(codes.text.utf8).write(to: url, options: .atomic)
            } catch {
                return .failure(.notSaved("the list could not be saved to \(path): \((error as NSError).localizedDescription)"))
            }
            containers.replace(with: codes)
            return .success(())
        }
        try saved.get()
        logger.notice("expected containers replaced over HTTP", metadata: ["file": "\(path)", "codes": "\(codes.count)"])
        return codes.count
    }
}
