import Events
import Feed
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The feed on a real loopback port.
@Suite struct LiveServerTests {
    @Test func servesStatusAndStreamsEventsOverTCP() async throws {
        let fixture = FeedFixture()
        fixture.board.setCameraState("gate1", .online)
        try await fixture.append(5)
        let app = try fixture.makeApplication()
        try await app.test(.live) { client in
            try await client.execute(uri: "/status", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.server] == "portsight")
            }
            try await client.execute(uri: "/events?since=2&limit=2", method: .get) { response in
                let page = try decode(EventsPage.self, response.body)
                #expect(page.events.map(\.seq) == [3, 4])
                #expect(page.next == 4)
            }

            let port = try #require(client.port)
            let connection = try RawHTTPConnection(port: port)
            defer { connection.close() }
            connection.send("GET /events/stream HTTP/1.1\r\nHost: localhost\r\nLast-Event-ID: 3\r\n\r\n")
            #expect(await eventually { parseSSE(connection.body).filter { $0.id != nil }.count == 2 })
            #expect(connection.received.hasPrefix("HTTP/1.1 200 OK"))
            #expect(connection.received.lowercased().contains("content-type: text/event-stream"))

            let new = try await fixture.append(1)
            fixture.live.publish(new)
            #expect(await eventually { parseSSE(connection.body).filter { $0.id != nil }.count == 3 })
            let ids = parseSSE(connection.body).compactMap(\.id)
            #expect(ids == ["4", "5", "6"])
            let last = try #require(parseSSE(connection.body).last?.data)
            #expect(try EventJSON.decode(Data(last.utf8)) == new[0])

            // Ends the stream, so the server can shut down gracefully.
            fixture.live.finish()
            #expect(await eventually { connection.closedByPeer || connection.received.hasSuffix("0\r\n\r\n") })
        }
    }

    @Test func idleConnectionsAreClosed() async throws {
        var fixture = FeedFixture()
        fixture.configuration.idleTimeout = .milliseconds(300)
        let app = try fixture.makeApplication()
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // A request head that never ends: the idle timeout closes the connection.
            let slow = try RawHTTPConnection(port: port)
            defer { slow.close() }
            slow.send("GET /status HTTP/1.1\r\nHost: local")
            #expect(await eventually(timeout: .seconds(3)) { slow.closedByPeer })
            #expect(slow.received.isEmpty)
        }
    }

    @Test func bodiesAreRefusedOverTCP() async throws {
        let app = try FeedFixture().makeApplication()
        try await app.test(.live) { client in
            try await client.execute(uri: "/events", method: .get, body: ByteBuffer(string: String(repeating: "x", count: 10_000))) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
    }
}

/// Open SSE streams end cleanly when the service group shuts down, instead of holding it up.
@Suite struct GracefulShutdownTests {
    @Test(.timeLimit(.minutes(1))) func openStreamsEndOnGracefulShutdown() async throws {
        let fixture = FeedFixture()
        try await fixture.append(3)
        let app = try fixture.makeApplication()
        let connection = try await app.test(.live) { client in
            let connection = try RawHTTPConnection(port: try #require(client.port))
            connection.send("GET /events/stream HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(await eventually { parseSSE(connection.body).filter { $0.id != nil }.count == 3 })
            // Returning shuts the service group down gracefully, with this stream still open
            // and its live subscription never finished.
            return connection
        }
        defer { connection.close() }
        #expect(await eventually { connection.received.hasSuffix("0\r\n\r\n") || connection.closedByPeer })
        // The terminating chunk: the response ended cleanly, not by a dropped connection.
        #expect(connection.received.hasSuffix("\n\n\r\n0\r\n\r\n"))
    }
}
