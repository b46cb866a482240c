import Foundation
import Testing
import TestSupport

@Suite("portsight read on bad files")
struct ReadCommandTests {
    @Test("goes on past a bad file, exits 1, and names every file that failed at the end")
    func badFiles() throws {
        let portsight = try #require(Fixtures.builtExecutable("portsight"), "run swift build --build-tests")
        let folder = try Fixtures.temporaryFolder()
        let corrupt = folder.appendingPathComponent("corrupt.jpg"), empty = folder.appendingPathComponent("empty.png")
        try Data([0xFF, 0xD8, 0xFF] + (0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: corrupt)
        try Data().write(to: empty)
        let good = Fixtures.root.appendingPathComponent("Tests/Fixtures/cmyk.jpg").path
        let process = Process()
        process.executableURL = portsight
        process.arguments = ["read", corrupt.path, good, empty.path, "--format", "json"]
        process.currentDirectoryURL = Fixtures.root
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let complaints = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        // The good file between the two bad ones was read.
        #expect(printed.contains("\"file\":\"\(good)\""))
        let last = complaints.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("error: 2 of 3 files could not be read"))
        #expect(last.contains(corrupt.path) && last.contains(empty.path) && !last.contains("cmyk.jpg"))
    }
}
