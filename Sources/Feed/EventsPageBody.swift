import Events
import Foundation

/// Writes `{"events":[...],"next":SEQ}` with each event in the events' own JSON format
/// (`StoredEvent.jsonLine`), so the feed, SSE, MQTT and webhooks print the same bytes.
enum EventsPageBody {
    static func bytes(_ page: EventPage) -> [UInt8] {
        let encoder = EventJSON.makeEncoder()
        var out: [UInt8] = []
        out.reserveCapacity(64 + page.events.count * 400)
        out += Array("{\"events\":[".utf8)
        for (index, event) in page.events.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += Array(event.jsonLine(using: encoder).utf8)
        }
        out += Array("],\"next\":\(page.next)}".utf8)
        return out
    }
}
