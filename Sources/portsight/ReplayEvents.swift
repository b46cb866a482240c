import CommandOptions
import Dispatch
import Events
import Foundation
import Logging
import Pipeline

/// Stores a replay's events and writes them, once committed, as JSON lines. Replay is one
/// producer in footage order, so events are appended frame by frame, straight to the store: the
/// seq order is the footage order, and a line is written only after its event is committed.
final class ReplayEvents: @unchecked Sendable {
    private let store: any EventStore
    private let output: FileHandle?
    private let encoder = EventJSON.makeEncoder()
    private(set) var count = 0

    /// Events go to the SQLite file at `storePath` (or an in-memory store) and to `outputPath`.
    init(storePath: String?, outputPath: String?, logger: Logger) throws {
        if let storePath {
            do {
                store = try SQLiteEventStore(path: storePath, logger: logger)
            } catch {
                throw fail(error.description)
            }
        } else {
            store = InMemoryEventStore()
        }
        if let outputPath {
            guard FileManager.default.createFile(atPath: outputPath, contents: nil),
                  let handle = FileHandle(forWritingAtPath: outputPath) else {
                throw fail("cannot write the events file \(outputPath)")
            }
            output = handle
        } else {
            output = nil
        }
    }

    /// Commits `events` and writes their lines; blocks the (non-async) replay loop meanwhile.
    func write(_ events: [NewEvent]) throws {
        guard !events.isEmpty else { return }
        let box = ResultBox()
        let semaphore = DispatchSemaphore(value: 0)
        let store = self.store
        Task.detached {
            do { box.result = .success(try await store.append(events)) } catch { box.result = .failure(error) }
            semaphore.signal()
        }
        semaphore.wait()
        let stored = try box.result!.get()
        count += stored.count
        guard let output else { return }
        var data = Data()
        for event in stored {
            data.append(Data(event.jsonLine(using: encoder).utf8))
            data.append(0x0A)
        }
        output.write(data)
    }

    func close() { try? output?.close() }
}

private final class ResultBox: @unchecked Sendable {
    var result: Result<[StoredEvent], Error>?
}
