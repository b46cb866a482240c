import Foundation

extension Fixtures {
    /// Starts `portsight run --config CONFIG` as a child process (the built executable), from the
    /// repository's root, logging warnings only, its output discarded.
    public static func startDaemon(config: URL) throws -> Process {
        guard let portsight = builtExecutable("portsight") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "portsight was not built; run `swift build --build-tests`"])
        }
        let daemon = Process()
        daemon.executableURL = portsight
        daemon.arguments = ["run", "--config", config.path, "--log-level", "warning"]
        daemon.currentDirectoryURL = root
        daemon.standardOutput = FileHandle.nullDevice
        daemon.standardError = FileHandle.nullDevice
        try daemon.run()
        return daemon
    }
}
