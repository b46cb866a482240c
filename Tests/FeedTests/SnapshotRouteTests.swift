import Events
import Feed
import Foundation
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

@Suite struct SnapshotRouteTests {
    @Test func cameraSnapshotServesTheLatestFrame() async throws {
        let fixture = FeedFixture()
        let jpeg = Data([0xFF, 0xD8, 1, 2, 3, 0xFF, 0xD9])
        fixture.frames.set(jpeg, camera: "gate1")
        let app = try fixture.makeApplication()
        try await app.test(.router) { client in
            try await client.execute(uri: "/cameras/gate1/snapshot.jpg", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/jpeg")
                #expect(Data(response.body.readableBytesView) == jpeg)
            }
            for path in ["/cameras/gate2/snapshot.jpg", "/cameras/nope/snapshot.jpg"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                }
            }
        }
    }

    @Test func eventSnapshotServesTheStoredFile() async throws {
        let fixture = FeedFixture()
        let stored = try await fixture.append(3, snapshot: true)
        try await fixture.append(1)  // seq 4: no snapshot
        try await fixture.writeSnapshotFiles(stored)
        try FileManager.default.removeItem(at: fixture.storeFolder.appendingPathComponent(stored[2].snapshot!))
        let app = try fixture.makeApplication()
        try await app.test(.router) { client in
            try await client.execute(uri: "/events/2/snapshot.jpg", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Data(response.body.readableBytesView) == Data([0xFF, 0xD8, 1, 0xFF, 0xD9]))
            }
            for (path, status) in [
                ("/events/3/snapshot.jpg", HTTPResponse.Status.notFound),  // file gone
                ("/events/4/snapshot.jpg", .notFound),  // no snapshot
                ("/events/99/snapshot.jpg", .notFound),  // no event
                ("/events/..%2F..%2Fetc%2Fpasswd/snapshot.jpg", .badRequest),
                ("/events/-1/snapshot.jpg", .badRequest),
            ] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == status, "\(path)")
                    #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                }
            }
        }
    }

    @Test func eventCropsAndClipAreServed() async throws {
        let fixture = FeedFixture()
        var visit = NewEvent(id: "visit-1", type: .gateTransaction, camera: "gate1", time: Date(timeIntervalSince1970: 1_800_000_000))
        visit.crops = [EventCrop(name: "plate", jpeg: Data([0xFF, 0xD8, 7, 0xFF, 0xD9]))]
        visit.clipMP4 = Data([0, 0, 0, 8, 0x66, 0x74, 0x79, 0x70])
        let stored = try await fixture.store.append([visit])
        try await fixture.writeSnapshotFiles(stored)
        let app = try fixture.makeApplication()
        try await app.test(.router) { client in
            try await client.execute(uri: "/events/1/crops/plate", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/jpeg")
                #expect(Data(response.body.readableBytesView) == Data([0xFF, 0xD8, 7, 0xFF, 0xD9]))
            }
            try await client.execute(uri: "/events/1/clip.mp4", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "video/mp4")
                #expect(Data(response.body.readableBytesView) == Data([0, 0, 0, 8, 0x66, 0x74, 0x79, 0x70]))
            }
            try await client.execute(uri: "/events/1/crops/PSGU4182735", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("its crops: plate"))
            }
        }
    }

    @Test func pathTraversalIsRejected() throws {
        let fixture = FeedFixture()
        let outside = fixture.storeFolder.appendingPathComponent("secret.txt")
        try Data("secret".utf8).write(to: outside)
        let snapshots = fixture.snapshots
        for path in [
            "snapshots/../secret.txt", "../secret.txt", "/etc/passwd", "snapshots/gate1/../../secret.txt", "secret.txt",
            "snapshots//secret.txt", "snapshots/./x.jpg", "snapshots",
        ] {
            #expect(throws: SnapshotPathError.outsideSnapshotsFolder(path: path)) { try snapshots.eventSnapshot(relativePath: path) }
        }
        // A link inside the folder that points out of it.
        let cameraFolder = fixture.storeFolder.appendingPathComponent("snapshots/gate1")
        try FileManager.default.createDirectory(at: cameraFolder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: cameraFolder.appendingPathComponent("7.jpg"), withDestinationURL: outside)
        #expect(throws: SnapshotPathError.self) { try snapshots.eventSnapshot(relativePath: "snapshots/gate1/7.jpg") }
        #expect(try snapshots.eventSnapshot(relativePath: "snapshots/gate1/8.jpg") == nil)
    }

    @Test func traversingEventSnapshotPathGives404() async throws {
        // A store whose path points outside (a corrupt row): the feed refuses to follow it.
        let fixture = FeedFixture()
        let outside = fixture.storeFolder.appendingPathComponent("secret.txt")
        try Data("secret".utf8).write(to: outside)
        struct Traversing: SnapshotSource {
            let inner: StoreSnapshotFiles
            func latestJPEG(camera: String) -> Data? { nil }
            func eventSnapshot(relativePath: String) throws(SnapshotPathError) -> Data? {
                try inner.eventSnapshot(relativePath: "snapshots/../secret.txt")
            }
        }
        try await fixture.append(1, snapshot: true)
        let router = buildRouter(
            store: fixture.store, status: fixture.board, snapshots: Traversing(inner: fixture.snapshots),
            subscriber: { AsyncStream { $0.finish() } }, statusMetrics: StatusMetrics(registry: fixture.registry),
            configuration: fixture.configuration, logger: .init(label: "t"), metricsFactory: PrometheusMetricsFactory(registry: fixture.registry))
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/events/1/snapshot.jpg", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(!String(buffer: response.body).contains("secret\""))
            }
        }
    }
}
