/// Why the daemon could not start or stopped with an error. Each case says what to do.
public enum DaemonError: Error, CustomStringConvertible, Equatable {
    /// The event store could not be opened.
    case store(path: String, reason: String)
    /// The inference backend or a model could not be loaded.
    case models(String)
    /// The feed's settings cannot be used.
    case feedSettings(String)
    /// The feed could not listen on its address (a port in use, an address not of this machine).
    case feedUnavailable(host: String, port: Int, reason: String)
    /// The expected visits' file cannot be read or does not parse.
    case expectedVisits(String)

    public var description: String {
        switch self {
        case .store(let path, let reason):
            "store.path \(path): the event store cannot be opened: \(reason)"
        case .models(let reason):
            reason
        case .feedSettings(let reason):
            "feed: \(reason)"
        case .expectedVisits(let reason):
            "plates.expected: \(reason); fix the file, or move it away to expect no visits"
        case .feedUnavailable(let host, let port, let reason):
            "feed: cannot listen on \(host):\(port): \(reason). Is another portsight running? "
                + "Set feed.port to a free port, or feed.host to an address of this machine"
        }
    }
}
