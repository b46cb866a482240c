import ArgumentParser
import Daemon
import Foundation

/// `portsight check-config FILE`: validates a daemon configuration without running it.
struct CheckConfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check a portsight.yml: errors name the file, the line and the key."
    )

    @Argument(help: "The configuration file.")
    var file: String

    func run() throws {
        do {
            let config = try ConfigLoader.load(DaemonConfig.self, from: file)
            let cameras = config.cameras.map { "\($0.id) (\($0.source), \($0.zones.count) zones, \($0.lines.count) lines)" }
            print("\(file): ok: site \(config.site), \(config.cameras.count) camera(s): \(cameras.joined(separator: "; ")); "
                  + "feed on \(config.feed.host):\(config.feed.port)\(config.feed.token == nil ? "" : " with a token")")
        } catch {
            throw fail(error.description)
        }
    }
}
