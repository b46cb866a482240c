import Detection
import Events
import Foundation
import Logging
import PixelCore
import TestSupport

/// Builders for the tests' events and stores.
enum TestEvents {
    /// 2026-11-29T10:15:02.120Z
    static let baseTime = Date(timeIntervalSince1970: 1_795_947_302.120)

    /// A small valid event; `index` varies id, media time and track.
    static func event(
        _ index: Int, camera: String = "gate1", type: EventType = .objectEntered, time: Date? = nil, snapshot: Data? = nil
    ) -> NewEvent {
        NewEvent(
            id: "\(camera)-\(index)", type: type, camera: camera, time: time ?? baseTime.addingTimeInterval(Double(index)),
            mediaTimeS: Double(index) * 0.5,
            track: TrackPayload(id: index, category: .vehicle, label: "truck", box: Rect(x: index, y: 2, width: 30, height: 40), score: 0.5),
            snapshotJPEG: snapshot)
    }

    /// `count` events numbered from `start`.
    static func events(_ count: Int, from start: Int = 0, camera: String = "gate1", type: EventType = .objectEntered) -> [NewEvent] {
        (start..<(start + count)).map { event($0, camera: camera, type: type) }
    }

    /// Fake JPEG bytes of `size` bytes.
    static func jpeg(_ size: Int = 64, fill: UInt8 = 0x42) -> Data {
        Data([0xFF, 0xD8] + [UInt8](repeating: fill, count: max(0, size - 4)) + [0xFF, 0xD9])
    }

    static let logger = Logger(label: "events-tests", factory: { _ in SwiftLogNoOpLogHandler() })
}

/// The two store implementations, so that one behavioural suite runs over both.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, memory

    var testDescription: String { rawValue }

    /// A fresh, empty store (in a new temporary folder for SQLite).
    func make(retention: RetentionPolicy = .keepAll) throws -> any EventStore {
        switch self {
        case .memory:
            return InMemoryEventStore(retention: retention)
        case .sqlite:
            let folder = try Fixtures.temporaryFolder("store")
            return try SQLiteEventStore(
                path: folder.appendingPathComponent("events.db").path,
                options: .init(synchronous: .normal, retention: retention), logger: TestEvents.logger)
        }
    }
}

import Testing

extension EventStore {
    /// Every stored event, read page by page.
    func allEvents(pageSize: Int = 1000) async throws -> [StoredEvent] {
        var all: [StoredEvent] = []
        var since: Int64 = 0
        while true {
            let page = try await events(since: since, limit: pageSize)
            if page.events.isEmpty { return all }
            all += page.events
            since = page.next
        }
    }
}
