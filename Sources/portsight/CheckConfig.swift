import CommandOptions
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
        let sinks = config.sinks.compactMap(\.sink).map { sink -> String in
                switch sink {
                case .mqtt(let mqtt): "\(mqtt.name) (mqtt \(mqtt.host):\(mqtt.port)\(mqtt.tls ? " tls" : ""))"
                case .webhook(let hook): "\(hook.name) (webhook \(hook.url))"
                }
            }
            let cameras = config.cameras.map { "\($0.id) (\($0.source), \($0.zones.count) zones, \($0.lines.count) lines)" }
            print("\(file): ok: site \(config.site), \(config.cameras.count) camera(s): \(cameras.joined(separator: "; ")); "
                  + "feed on \(config.feed.host):\(config.feed.port)\(config.feed.token == nil ? "" : " with a token"); "
                  + "\(sinks.count) sink(s)\(sinks.isEmpty ? "" : ": " + sinks.joined(separator: "; "))")
        }
    }
