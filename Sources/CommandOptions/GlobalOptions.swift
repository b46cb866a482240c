import ArgumentParser
import Foundation
import FrameSources
import Logging

/// The version printed by `--version` and reported by the daemon.
public enum PortsightVersion {
    public static let string = "0.1.0"
}

/// Options every command shares.
public struct GlobalOptions: ParsableArguments {
    /// The defaults.
    public init() {}

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    public var logLevel: Logger.Level = .notice

    /// Sends logs to standard error (journald picks them up there) at the chosen level.
    public func bootstrapLogging() -> Logger {
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "portsight")
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Opens a source for a command; a failure becomes `error: …` on standard error and exit status 1.
public func openForCommand(_ spec: String, options: SourceOptions = SourceOptions(), logger: Logger) throws -> FrameSource {
    do {
        return try openSource(spec, options: options, logger: logger)
    } catch {
        throw fail(error.description)
    }
}

/// Prints `error: message` to standard error and returns the exit status for a failed command.
public func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    return ExitCode(1)
}
