import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The parts of a child daemon's `/status` that the delivery tests read.
struct DaemonStatus: Decodable {
    struct Store: Decodable {
        var last_seq: Int64
    }

    struct Camera: Decodable {
        var id: String
    }

    struct Sink: Decodable {
        var name: String
        var state: String
        var cursor: Int64
        var lag_events: Int64
        var last_error: String?
    }

    var store: Store
    var cameras: [Camera]
    var sinks: [Sink]

    /// The daemon's status on loopback `port`, or nil while it does not answer.
    static func fetch(port: Int) async -> DaemonStatus? {
        guard let url = URL(string: "http://127.0.0.1:\(port)/status"),
              let (data, _) = try? await URLSession.shared.data(from: url) else { return nil }
        return try? JSONDecoder().decode(DaemonStatus.self, from: data)
    }
}
