import ArgumentParser
import Detection
import Events
import Foundation
import Logging
import PixelCore

/// Appends synthetic events to a SQLite event store in batches and prints, after each commit,
/// the last committed seq on its own line (written straight to the file descriptor, so a parent
/// that kills this process has every line of every batch that committed).
@main
struct EventLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portsight-eventload",
        abstract: "Append synthetic events to a SQLite event store (kill test and benchmark).")

    @Option(help: "The database file; created if missing.")
    var db: String

    @Option(help: "How many events to append.")
    var count: Int

    @Option(help: "Events per transaction.")
    var batch: Int = 100

    @Option(help: "The camera id of the events.")
    var camera: String = "gate1"

    @Option(help: "SQLite synchronous mode: full or normal.")
    var synchronous: SynchronousMode = .full

    @Option(help: "Attach a small snapshot to every Nth event (0: none).")
    var snapshotEvery: Int = 3

    @Flag(help: "Print no line per batch, only the summary on standard error.")
    var quiet = false

    func validate() throws {
        guard count >= 0 else { throw ValidationError("--count must be 0 or more") }
        guard batch >= 1 else { throw ValidationError("--batch must be 1 or more") }
        guard snapshotEvery >= 0 else { throw ValidationError("--snapshot-every must be 0 or more") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        let store = try SQLiteEventStore(
            path: db, options: .init(synchronous: synchronous.storeMode), logger: Logger(label: "portsight.eventload"))
        let run = "\(ProcessInfo.processInfo.processIdentifier)"
        let snapshot = Data([0xFF, 0xD8, 0xFF, 0xE0] + [UInt8](repeating: 0x42, count: 200) + [0xFF, 0xD9])
        let output = FileHandle.standardOutput
        let start = ContinuousClock.now
        var done = 0
        while done < count {
            let size = min(batch, count - done)
            let events = (done..<(done + size)).map { index in
                Self.event(index, run: run, camera: camera, snapshot: snapshotEvery > 0 && index % snapshotEvery == 0 ? snapshot : nil)
            }
            let stored = try await store.append(events)
            if !quiet, let last = stored.last {
                output.write(Data("\(last.seq)\n".utf8))
            }
            done += size
        }
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        let rate = seconds > 0 ? Double(count) / seconds : 0
        FileHandle.standardError.write(Data(String(
            format: "stored %d events in %.3f s: %.0f events/s (batch %d, synchronous %@)\n",
            count, seconds, rate, batch, synchronous.rawValue).utf8))
    }

    static func event(_ index: Int, run: String, camera: String, snapshot: Data?) -> NewEvent {
        let types: [EventType] = [.objectEntered, .zoneEntered, .lineCrossed, .zoneLeft, .objectLeft]
        return NewEvent(
            id: "\(camera)-\(run)-\(index)", type: types[index % types.count], camera: camera, time: Date(),
            mediaTimeS: Double(index) * 0.04,
            track: TrackPayload(
                id: index / 5, category: .vehicle, label: "truck", box: Rect(x: 412, y: 96, width: 898, height: 606), score: 0.91),
            zones: ["lane1"], snapshotJPEG: snapshot)
    }
}

/// `--synchronous full|normal`.
enum SynchronousMode: String, ExpressibleByArgument, CaseIterable {
    case full, normal

    var storeMode: SQLiteEventStore.Synchronous { self == .full ? .full : .normal }
}
