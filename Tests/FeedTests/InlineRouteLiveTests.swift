import Feed
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `/status` and `/healthz` answered on the event loop, over real loopback connections.
@Suite struct InlineRouteLiveTests {
    /// Splits one whole response (head and a `Content-Length` body) off the front of `text`.
    func responses(in text: String) -> [(head: [String], body: String)] {
        var rest = Substring(text)
        var found: [(head: [String], body: String)] = []
        while let headEnd = rest.range(of: "\r\n\r\n") {
            let head = rest[..<headEnd.lowerBound].components(separatedBy: "\r\n")
            let length = head.compactMap { line -> Int? in
                let parts = line.split(separator: ":", maxSplits: 1)
                return parts.first?.lowercased() == "content-length" ? Int(parts[1].trimmingCharacters(in: .whitespaces)) : nil
            }.first ?? 0
            let bodyStart = headEnd.upperBound
            guard rest.utf8.distance(from: bodyStart, to: rest.endIndex) >= length else { break }
            let bodyEnd = rest.utf8.index(bodyStart, offsetBy: length)
            found.append((head, String(rest[bodyStart..<bodyEnd])))
            rest = rest[bodyEnd...]
        }
        return found
    }

    @Test func bothInlineAnswersAreByteForByteTheRoutersAnswer() async throws {
        let now = ContinuousClock.now
        let fixture = FeedFixture(clock: { now })  // a fixed uptime, so that answers can match
        fixture.board.setCameraState("gate1", .online)
        let app = try fixture.makeApplication()
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // A connection that only polls: `PollAnswerHandler` answers from the bytes.
            let polling = try RawHTTPConnection(port: port)
            defer { polling.close() }
            // One that asked for something else first: `InlineAnswerHandler` answers from NIO's parse.
            let mixed = try RawHTTPConnection(port: port)
            defer { mixed.close() }
            // A query it does not need sends the same route the router's way.
            let routed = try RawHTTPConnection(port: port)
            defer { routed.close() }
            polling.send("GET /status HTTP/1.1\r\nHost: localhost\r\n\r\n")
            mixed.send("GET /healthz?first HTTP/1.1\r\nHost: localhost\r\n\r\nGET /status HTTP/1.1\r\nHost: localhost\r\n\r\n")
            routed.send("GET /status?via=router HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(await eventually {
                responses(in: polling.received).count == 1 && responses(in: mixed.received).count == 2
                    && responses(in: routed.received).count == 1
            })
            let a = try #require(responses(in: polling.received).first)
            let b = try #require(responses(in: mixed.received).last)
            let c = try #require(responses(in: routed.received).first)
            let withoutDate = { (head: [String]) in head.filter { !$0.lowercased().hasPrefix("date:") } }
            #expect(withoutDate(a.head) == withoutDate(c.head))
            #expect(withoutDate(b.head) == withoutDate(c.head))
            for answer in [a, b] {
                #expect(answer.head.contains { $0.range(of: #"^Date: [A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$"#, options: .regularExpression) != nil })
                #expect(answer.body == c.body)
            }
            #expect(a.body.contains(#""state":"online""#))
        }
    }

    @Test func pipelinedRequestsAreAnsweredInTheirOrder() async throws {
        let fixture = FeedFixture()
        try await fixture.append(3)
        let app = try fixture.makeApplication()
        try await app.test(.live) { client in
            let connection = try RawHTTPConnection(port: try #require(client.port))
            defer { connection.close() }
            // A request the router answers, then two answered inline, all in one write.
            connection.send("GET /events?since=0&limit=2 HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /status HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /events?since=2&limit=1 HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(await eventually { responses(in: connection.received).count == 4 })
            let bodies = responses(in: connection.received).map(\.body)
            try #require(bodies.count == 4)
            #expect(bodies[0].contains(#""next":2"#))
            #expect(bodies[1].contains(#""cameras":"#))
            #expect(bodies[2] == #"{"status":"ok"}"#)
            #expect(bodies[3].contains(#""next":3"#))
        }
    }

    @Test func aConnectionPollingStatusIsNotTakenForIdle() async throws {
        var fixture = FeedFixture()
        fixture.configuration.idleTimeout = .milliseconds(400)
        let app = try fixture.makeApplication()
        try await app.test(.live) { client in
            let connection = try RawHTTPConnection(port: try #require(client.port))
            defer { connection.close() }
            for _ in 0..<12 {
                connection.send("GET /status HTTP/1.1\r\nHost: localhost\r\n\r\n")
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(!connection.closedByPeer, "polled every 100 ms for 1.2 s with a 0.4 s idle timeout")
            #expect(await eventually { responses(in: connection.received).count == 12 })
            // Once the polling stops, the idle timeout still closes it.
            #expect(await eventually(timeout: .seconds(3)) { connection.closedByPeer })
        }
    }

    @Test func anEventStreamOutlivesTheIdleTimeout() async throws {
        var fixture = FeedFixture()
        fixture.configuration.idleTimeout = .milliseconds(300)
        try await fixture.append(1)
        let app = try fixture.makeApplication()
        let live = fixture.live
        try await app.test(.live) { client in
            let connection = try RawHTTPConnection(port: try #require(client.port))
            defer { connection.close() }
            connection.send("GET /events/stream HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(await eventually { parseSSE(connection.body).filter { $0.id != nil }.count == 1 })
            try await Task.sleep(for: .milliseconds(1000))
            #expect(!connection.closedByPeer, "a request being answered is not idle")
            live.finish()
            #expect(await eventually { connection.closedByPeer || connection.received.hasSuffix("0\r\n\r\n") })
        }
    }

    @Test(.timeLimit(.minutes(1))) func aPollingConnectionIsClosedOnGracefulShutdown() async throws {
        let app = try FeedFixture().makeApplication()
        let connection = try await app.test(.live) { client in
            let connection = try RawHTTPConnection(port: try #require(client.port))
            connection.send("GET /status HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(await eventually { responses(in: connection.received).count == 1 })
            return connection  // returning shuts the server down gracefully
        }
        defer { connection.close() }
        #expect(await eventually { connection.closedByPeer })
    }

    @Test func inlineAnswersAreCountedAndTimed() async throws {
        let fixture = FeedFixture()
        let app = try fixture.makeApplication()
        try await app.test(.live) { client in
            let connection = try RawHTTPConnection(port: try #require(client.port))
            defer { connection.close() }
            for _ in 0..<5 { connection.send("GET /status HTTP/1.1\r\nHost: localhost\r\n\r\n") }
            #expect(await eventually { responses(in: connection.received).count == 5 })
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"portsight_feed_requests_total{route="/status",status="200"} 5"#))
                #expect(text.contains(#"portsight_feed_request_duration_seconds_count{route="/status"} 5"#))
            }
        }
    }

    @Test func withATokenInlineStatusStillRefusesStrangers() async throws {
        let token = "0123456789abcdef-secret"
        let app = try FeedFixture(token: token).makeApplication()
        try await app.test(.live) { client in
            try await client.execute(uri: "/status", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            }
            try await client.execute(uri: "/status", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
