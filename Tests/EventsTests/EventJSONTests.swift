import Detection
import Events
import Foundation
import PixelCore
import Testing

@Suite("Event JSON")
struct EventJSONTests {
    static let container = ContainerPayload(
        code: "DFSU4382559", owner: "DFS", category: "U", serial: "438255", checkDigit: 9, checkOK: true,
        sizeType: "42G1", confidence: 0.97, needsReview: false, reads: 9)

    static let identified = StoredEvent(
        seq: 1842, snapshot: "snapshots/gate1/1842.jpg",
        event: NewEvent(
            id: "gate1-20261129T101502.120Z-0007", type: .containerIdentified, camera: "gate1",
            time: TestEvents.baseTime, mediaTimeS: 312.4,
            track: TrackPayload(id: 7, category: .container, label: "container", box: Rect(x: 412, y: 96, width: 1310, height: 702), score: 0.91),
            container: container, zones: ["lane1"]))

    @Test("one event encodes to exactly the expected line: sorted keys, snake case, ms UTC time")
    func exactJSON() {
        let expected = #"{"camera":"gate1","container":{"category":"U","check_digit":9,"check_ok":true,"code":"DFSU4382559","confidence":0.97,"corrected":[],"level":1,"needs_review":false,"owner":"DFS","reads":9,"review_reasons":[],"serial":"438255","size_type":"42G1"},"id":"gate1-20261129T101502.120Z-0007","media_time_s":312.4,"seq":1842,"snapshot":"snapshots/gate1/1842.jpg","time":"2026-11-29T10:15:02.120Z","track":{"box":[412,96,1310,702],"category":"container","id":7,"label":"container","score":0.91},"type":"container.identified","zones":["lane1"]}"#
        #expect(Self.identified.jsonLine() == expected)
    }

    @Test("an event stored before verification levels reads as level 1, or 0 without a seen check digit")
    func storedBeforeLevels() throws {
        let old = #"{"camera":"gate1","container":{"category":"U","check_digit":9,"check_ok":true,"code":"DFSU4382559","confidence":0.97,"needs_review":false,"owner":"DFS","reads":9,"serial":"438255","size_type":"42G1"},"id":"a","seq":1,"time":"2026-11-29T10:15:02.120Z","type":"container.identified"}"#
        let container = try #require(try EventJSON.decode(Data(old.utf8)).container)
        #expect(container.level == 1 && container.reviewReasons.isEmpty && container.corrected.isEmpty)
        let unseen = old.replacingOccurrences(of: #""check_ok":true"#, with: #""check_ok":false"#)
        #expect(try EventJSON.decode(Data(unseen.utf8)).container?.level == 0)
    }

    @Test("the same event gives the same bytes every time")
    func deterministic() {
        let lines = (0..<20).map { _ in Self.identified.jsonLine() }
        #expect(Set(lines).count == 1)
        #expect(!lines[0].contains("\n"))
    }

    @Test("nil payloads are left out")
    func nilOmitted() {
        let event = StoredEvent(
            seq: 1, snapshot: nil,
            event: NewEvent(id: "a", type: .cameraOffline, camera: "gate1", time: TestEvents.baseTime,
                            cameraState: CameraStatePayload(state: .offline, reason: "no frame for 10 s")))
        #expect(event.jsonLine() == #"{"camera":"gate1","camera_state":{"reason":"no frame for 10 s","state":"offline"},"id":"a","seq":1,"time":"2026-11-29T10:15:02.120Z","type":"camera.offline"}"#)
    }

    @Test("every payload survives a JSON round trip")
    func roundTrip() throws {
        let full = StoredEvent(
            seq: 99, snapshot: "snapshots/lane-2/99.jpg",
            event: NewEvent(
                id: "x", type: .gateTransaction, camera: "lane-2", time: TestEvents.baseTime.addingTimeInterval(0.0004),
                mediaTimeS: 1.25,
                track: TrackPayload(id: 3, category: .vehicle, label: "truck", box: Rect(x: 1, y: 2, width: 3, height: 4), score: 0.25),
                container: Self.container, zones: ["a", "b"], zone: ZonePayload(id: "a", dwellS: 12.5),
                line: LinePayload(id: "gate-in", direction: "in"),
                transaction: GateTransactionPayload(truckTrackID: 3, containers: [Self.container, Self.container], enteredMediaTimeS: 1, leftMediaTimeS: 9.5),
                cameraState: CameraStatePayload(state: .stalled)))
        let decoded = try EventJSON.decode(Data(full.jsonLine().utf8))
        #expect(decoded == full)
        #expect(decoded.jsonLine() == full.jsonLine())
        #expect(full.jsonLine().contains(#""transaction":{"containers":["#))
        #expect(full.jsonLine().contains(#""truck_track_id":3"#))
        #expect(full.jsonLine().contains(#""dwell_s":12.5"#))
    }

    @Test("event type raw values are the feed's strings")
    func typeStrings() {
        #expect(EventType.allCases.map(\.rawValue) == [
            "object.entered", "object.left", "object.stationary", "zone.entered", "zone.left", "line.crossed",
            "container.identified", "gate.transaction", "visit.unexpected", "camera.offline", "camera.online", "camera.degraded",
        ])
    }

    @Test("times format and parse as ISO 8601 UTC with milliseconds", arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (Int64(1_795_947_302_120), "2026-11-29T10:15:02.120Z"),
        (Int64(951_782_400_999), "2000-02-29T00:00:00.999Z"),
        (Int64(-1), "1969-12-31T23:59:59.999Z"),
    ])
    func times(milliseconds: Int64, text: String) {
        #expect(EventTime.string(milliseconds: milliseconds) == text)
        #expect(EventTime.date(text).map(EventTime.milliseconds) == milliseconds)
    }

    @Test("time parsing rejects malformed text and scales fractions", arguments: [
        "2026-11-29 10:15:02.120Z", "2026-11-29T10:15:02.120", "2026-13-01T00:00:00Z", "2026-11-29T10:15:02.Z", "garbage",
    ])
    func badTimes(text: String) {
        #expect(EventTime.date(text) == nil)
    }

    @Test("fractions of other lengths are read to the millisecond")
    func fractions() {
        #expect(EventTime.date("2026-11-29T10:15:02Z").map(EventTime.milliseconds) == 1_795_947_302_000)
        #expect(EventTime.date("2026-11-29T10:15:02.1Z").map(EventTime.milliseconds) == 1_795_947_302_100)
        #expect(EventTime.date("2026-11-29T10:15:02.123456Z").map(EventTime.milliseconds) == 1_795_947_302_123)
    }

    @Test("invalid events are refused with a reason", arguments: [
        NewEvent(id: "", type: .objectLeft, camera: "gate1", time: TestEvents.baseTime),
        NewEvent(id: "a", type: .objectLeft, camera: "", time: TestEvents.baseTime),
        NewEvent(id: "a", type: .objectLeft, camera: "../etc", time: TestEvents.baseTime),
        NewEvent(id: "a", type: .objectLeft, camera: "gate 1", time: TestEvents.baseTime),
        NewEvent(id: "a", type: .objectLeft, camera: "gate1", time: TestEvents.baseTime, mediaTimeS: .nan),
    ])
    func invalid(event: NewEvent) {
        #expect(throws: EventStoreError.self) { try event.validate() }
    }
}
