import ArgumentParser
import CommandOptions

@main
struct Portsight: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portsight",
        abstract: "Watches port gate, quay and yard cameras: motion, vehicles, containers, events.",
        version: PortsightVersion.string,
        subcommands: [Run.self, Replay.self, Detect.self, Read.self, CheckConfig.self]
    )
}
