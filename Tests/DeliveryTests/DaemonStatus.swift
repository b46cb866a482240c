import Feed
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A child daemon's `/status` on loopback `port`, decoded as the feed's own type, or nil while it
/// does not answer.
func daemonStatus(port: Int) async -> StatusSnapshot? {
    guard let url = URL(string: "http://127.0.0.1:\(port)/status"),
          let (data, _) = try? await URLSession.shared.data(from: url) else { return nil }
    let decoder = JSONDecoder()
    // The feed writes numbers it cannot write as JSON as these strings.
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    return try? decoder.decode(StatusSnapshot.self, from: data)
}
