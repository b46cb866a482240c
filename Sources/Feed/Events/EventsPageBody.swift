import Events
import Foundation

/// Writes `{"events":[...],"next":SEQ}` with each event in the events' own JSON format
/// (`StoredEvent.jsonLine`), so the feed, SSE, MQTT and webhooks print the same bytes.
enum EventsPageBody {
    /// The page from the lines the store kept: no decoding, no encoding.
    static func bytes(_ page: EventLinesPage) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + page.lines.reduce(0) { $0 + $1.utf8.count + 1 })
        out += Array("{\"events\":[".utf8)
        for (index, line) in page.lines.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += line.utf8
        }
        out += Array("],\"next\":\(page.next)}".utf8)
        return out
    }
}
