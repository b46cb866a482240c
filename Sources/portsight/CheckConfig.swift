import ArgumentParser
import CommandOptions
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
        let config: DaemonConfig
        do {
            config = try ConfigLoader.load(DaemonConfig.self, from: file)
        } catch {
            throw fail(error.description)
        }
        // The daemon runs without a broken sink (and shows it); a check does not let it pass.
        let problems = config.sinks.compactMap(\.problem)
        guard problems.isEmpty else {
            throw fail(problems.map(\.description).joined(separator: "\nerror: "))
        }
        // One line per camera and sink, so that a long list stays readable.
        print("\(file): ok: site \(config.site); feed on \(config.feed.host):\(config.feed.port)\(config.feed.token == nil ? "" : " with a token")")
        print("\(config.cameras.count) camera(s):")
        for camera in config.cameras {
            print("  \(camera.id): \(camera.source), \(camera.zones.count) zones, \(camera.lines.count) lines")
        }
        print("\(config.sinks.count) sink(s)\(config.sinks.isEmpty ? "" : ":")")
        for sink in config.sinks.compactMap(\.sink) {
            switch sink {
            case .mqtt(let mqtt): print("  \(mqtt.name): mqtt \(mqtt.host):\(mqtt.port)\(mqtt.tls ? " tls" : "")")
            case .webhook(let hook): print("  \(hook.name): webhook \(hook.url)")
            }
        }
    }
}
