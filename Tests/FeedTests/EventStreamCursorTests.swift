import Events
import Foundation
import Hummingbird
import Testing

@testable import Feed

@Suite struct EventStreamCursorTests {
    func event(_ seq: Int64, camera: String = "gate1") -> StoredEvent {
        StoredEvent(seq: seq, snapshot: nil, event: NewEvent(id: "e\(seq)", type: .objectEntered, camera: camera, time: Date()))
    }

    @Test func liveEventsAfterCatchUpAreSentOnceInOrder() {
        var cursor = EventStreamCursor(query: EventsQuery(since: 0))
        // Catch-up sent 1...4; the store's last seq was 3 when the stream subscribed.
        for seq in 1...4 { cursor.sent(event(Int64(seq))) }
        cursor.scanned(through: 3)
        #expect(cursor.live(event(3)) == .skip)
        #expect(cursor.live(event(4)) == .skip)
        #expect(cursor.live(event(5)) == .send)
        #expect(cursor.live(event(5)) == .skip)
        #expect(cursor.position == 5)
    }

    @Test func aJumpAsksForTheGapToBeFilled() {
        var cursor = EventStreamCursor(query: EventsQuery(since: 10))
        #expect(cursor.live(event(13)) == .fillGap)
        #expect(cursor.position == 10)
        cursor.scanned(through: 12)
        #expect(cursor.live(event(13)) == .send)
    }

    @Test func filteredEventsMoveTheCursorWithoutBeingSent() {
        var cursor = EventStreamCursor(query: EventsQuery(since: 0, camera: "gate2"))
        #expect(cursor.live(event(1, camera: "gate1")) == .skip)
        #expect(cursor.live(event(2, camera: "gate2")) == .send)
        #expect(cursor.position == 2)
    }

    @Test func scannedNeverMovesBack() {
        var cursor = EventStreamCursor(query: EventsQuery(since: 50))
        cursor.scanned(through: 20)
        #expect(cursor.position == 50)
    }

    @Test func framesHaveIdEventAndData() {
        let stored = event(42)
        let frame = SSEFrame.event(stored, json: stored.jsonLine())
        #expect(frame == "id: 42\nevent: object.entered\ndata: \(stored.jsonLine())\n\n")
        #expect(!stored.jsonLine().contains("\n"))
    }

    @Test func tokenComparison() {
        #expect(BearerToken.constantTimeEqual(Array("abc".utf8), Array("abc".utf8)))
        #expect(!BearerToken.constantTimeEqual(Array("abc".utf8), Array("abd".utf8)))
        #expect(!BearerToken.constantTimeEqual(Array("abc".utf8), Array("ab".utf8)))
        #expect(!BearerToken.constantTimeEqual([], Array("a".utf8)))
    }
}
