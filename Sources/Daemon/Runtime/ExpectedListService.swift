import ServiceLifecycle
import UnixSignals

/// Reloads the expected containers' and visits' files on SIGHUP, with the rest of the configuration.
struct ExpectedListService: Service {
    let keeper: ExpectedListKeeper
    let visits: ExpectedVisitsKeeper?
    /// False for a daemon without a configuration file (a test): SIGHUP is not trapped.
    let trapsHangups: Bool

    func run() async throws {
        guard trapsHangups else {
            try? await gracefulShutdown()
            return
        }
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in hangups {
                keeper.reload()
                visits?.reload()
            }
        }
    }
}
