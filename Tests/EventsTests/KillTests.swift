import Events
import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Kills a real writer process with SIGKILL at seeded random moments, over and over on the same
/// database, and checks after each kill that every reported commit survived, with no gap, no
/// orphan snapshot, and the next seq following on.
@Suite("Event store kill test", .serialized)
struct KillTests {
    /// `portsight-eventload`, built beside the test bundle by `swift build --build-tests`.
    static let loader = Fixtures.builtExecutable("portsight-eventload")

    @Test(
        "SIGKILL at 24 random moments loses no committed event and leaves no orphan snapshot",
        .enabled(if: loader != nil, "portsight-eventload was not built; run `swift build --build-tests` first"))
    func killRepeatedly() async throws {
        let loader = try #require(Self.loader)
        let folder = try Fixtures.temporaryFolder("kill")
        let path = folder.appendingPathComponent("events.db").path
        var random = SeededRandom(seed: 0x5EED_0005)
        var reported: Int64 = 0
        var roundsWithCommits = 0

        for round in 0..<24 {
            let batch = Int.random(in: 1...40, using: &random)
            let delay = Int.random(in: 30...300, using: &random)
            let synchronous = round.isMultiple(of: 2) ? "full" : "normal"
            let camera = round % 3 == 0 ? "gate2" : "gate1"
            let lines = try await runAndKill(
                loader, arguments: ["--db", path, "--count", "10000000", "--batch", "\(batch)", "--camera", camera,
                                    "--synchronous", synchronous, "--snapshot-every", "2"],
                after: .milliseconds(delay))
            if let last = lines.last {
                #expect(last > reported, "round \(round): seqs must grow")
                reported = last
                roundsWithCommits += 1
            }

            let store = try SQLiteEventStore(path: path, options: .init(synchronous: .normal), logger: TestEvents.logger)
            let last = try await store.lastSequence
            #expect(last >= reported, "round \(round): the child reported seq \(reported) committed, the store has \(last)")
            let all = try await store.allEvents(pageSize: 5000)
            #expect(all.map(\.seq) == Array(stride(from: 1, through: last, by: 1)), "round \(round): seqs must be 1...\(last)")
            let withSnapshot = all.compactMap(\.snapshot)
            let missing = withSnapshot.filter { !FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
            #expect(missing.isEmpty, "round \(round): snapshots missing: \(missing.prefix(5))")
            let onDisk = snapshotFiles(in: folder)
            #expect(onDisk == Set(withSnapshot), "round \(round): orphans \(onDisk.subtracting(withSnapshot).prefix(5))")

            let next = try await store.append([TestEvents.event(round, camera: "check", snapshot: TestEvents.jpeg())])
            #expect(next.map(\.seq) == [last + 1], "round \(round): the next append must continue at \(last + 1)")
            reported = last + 1
        }
        // Kills before the first commit are fine, but most rounds must have committed something.
        #expect(roundsWithCommits >= 12)
        print("kill test: 24 SIGKILLs, \(roundsWithCommits) rounds with reported commits, last seq \(reported)")
        try? FileManager.default.removeItem(at: folder)
    }

    /// Starts the loader, kills it with SIGKILL after `delay`, and returns the seqs it reported on
    /// complete lines.
    func runAndKill(_ executable: URL, arguments: [String], after delay: Duration) async throws -> [Int64] {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Drain the pipe while the child runs, so that it never blocks on a full pipe.
        let reader = Task.detached { output.fileHandleForReading.readDataToEndOfFile() }
        try await Task.sleep(for: delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the loader ended by itself before the kill")
        let data = await reader.value
        let text = String(decoding: data, as: UTF8.self)
        // Only lines that end in a newline were written completely.
        let complete = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        return complete.compactMap { Int64($0) }
    }

    func snapshotFiles(in folder: URL) -> Set<String> {
        let root = folder.appendingPathComponent("snapshots")
        let manager = FileManager.default
        var files: Set<String> = []
        for camera in (try? manager.contentsOfDirectory(atPath: root.path)) ?? [] {
            for name in (try? manager.contentsOfDirectory(atPath: root.appendingPathComponent(camera).path)) ?? [] {
                files.insert("snapshots/\(camera)/\(name)")
            }
        }
        return files
    }
}
