import Foundation
import Testing
import TestSupport

/// Runs the built `portsight` with `arguments` in the repository root: what it printed on
/// standard output and standard error, and its exit status.
func runPortsight(_ arguments: [String]) throws -> (output: String, errors: String, status: Int32) {
    let portsight = try #require(Fixtures.builtExecutable("portsight"), "run swift build --build-tests")
    let process = Process()
    process.executableURL = portsight
    process.arguments = arguments
    process.currentDirectoryURL = Fixtures.root
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let complaints = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (printed, complaints, process.terminationStatus)
}

@Suite("portsight read on bad files")
struct ReadCommandTests {
    @Test("goes on past a bad file, exits 1, and names every file that failed at the end")
    func badFiles() throws {
        let folder = try Fixtures.temporaryFolder()
        let corrupt = folder.appendingPathComponent("corrupt.jpg"), empty = folder.appendingPathComponent("empty.png")
        try Data([0xFF, 0xD8, 0xFF] + (0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: corrupt)
        try Data().write(to: empty)
        let good = Fixtures.root.appendingPathComponent("Tests/Fixtures/cmyk.jpg").path
        let (printed, complaints, status) = try runPortsight(["read", corrupt.path, good, empty.path, "--format", "json"])
        #expect(status == 1)
        // The good file between the two bad ones was read.
        #expect(printed.contains("\"file\":\"\(good)\""))
        let last = complaints.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("error: 2 of 3 files could not be read"))
        #expect(last.contains(corrupt.path) && last.contains(empty.path) && !last.contains("cmyk.jpg"))
    }
}

@Suite("portsight read --plates")
struct ReadPlatesCommandTests {
    @Test("prints each plate's text, pattern, confidence and box as JSON")
    func json() throws {
        let image = "samples/plates/plate_004_es.jpg"
        let result = try runPortsight(["read", "--plates", "--no-codes", "--plate-region", "es", "--format", "json", image])
        #expect(result.status == 0, "\(result.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect((object["codes"] as? [Any])?.isEmpty == true)
        let plates = try #require(object["plates"] as? [[String: Any]])
        let first = try #require(plates.first)
        #expect(first["text"] as? String == "5454RKZ")
        #expect(first["pattern"] as? String == "es")
        #expect(first["needs_review"] as? Bool == false)
        #expect(first["too_small"] as? Bool == false)
        #expect((first["character_height"] as? Double ?? 0) > 15)
        #expect((first["box"] as? [Int])?.count == 4)
    }

    @Test("a pattern that does not compile and an unknown region are refused by name", arguments: [
        (["--plate-pattern", "uk=LLDD LLX"], "'X' at character 8"),
        (["--plate-region", "atlantis"], "plate preset 'atlantis' is not known; the presets are uk, de"),
    ])
    func badPatterns(extra: [String], message: String) throws {
        let result = try runPortsight(["read", "--plates", "--no-codes"] + extra + ["samples/plates/plate_004_es.jpg"])
        #expect(result.status != 0)
        #expect(result.errors.contains(message), "\(result.errors)")
    }
}
