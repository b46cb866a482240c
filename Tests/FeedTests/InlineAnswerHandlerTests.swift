import Hummingbird
import Metrics
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing
@testable import Feed

/// The handler that answers `/status` and `/healthz` on the event loop, driven part by part.
@Suite struct InlineAnswerHandlerTests {
    let board = StatusBoard(version: "0.0.1-test", cameras: ["gate1"])

    func channel(token: String? = nil) throws -> EmbeddedChannel {
        let routes = InlineRoutes(status: board, token: token, metricsFactory: NOOPMetricsHandler.instance)
        return EmbeddedChannel(handler: InlineAnswerHandler(routes: routes))
    }

    func send(_ channel: EmbeddedChannel, _ path: String, _ fields: HTTPFields = [:], body: String? = nil) throws {
        try channel.writeInbound(HTTPRequestPart.head(HTTPRequest(method: .get, scheme: nil, authority: "localhost", path: path, headerFields: fields)))
        if let body { try channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: body))) }
        try channel.writeInbound(HTTPRequestPart.end(nil))
    }

    /// The parts written back to the client so far.
    func answered(_ channel: EmbeddedChannel) throws -> [HTTPResponsePart] {
        var parts: [HTTPResponsePart] = []
        while let part = try channel.readOutbound(as: HTTPResponsePart.self) { parts.append(part) }
        return parts
    }

    /// The parts handed on to the router so far.
    func handedOn(_ channel: EmbeddedChannel) throws -> [HTTPRequestPart] {
        var parts: [HTTPRequestPart] = []
        while let part = try channel.readInbound(as: HTTPRequestPart.self) { parts.append(part) }
        return parts
    }

    @Test func statusIsAnsweredHereWithTheBoardsJSON() throws {
        board.setCameraState("gate1", .online)
        let channel = try channel()
        try send(channel, "/status")
        #expect(try handedOn(channel).isEmpty)
        let parts = try answered(channel)
        #expect(parts.count == 3)
        guard case .head(let head) = parts.first, case .body(let body) = parts.dropFirst().first, case .end = parts.last else {
            Issue.record("expected head, body, end; got \(parts)")
            return
        }
        #expect(head.status == .ok)
        #expect(head.headerFields[.contentType] == "application/json; charset=utf-8")
        #expect(head.headerFields[.contentLength] == String(body.readableBytes))
        #expect(head.headerFields[.server] == "portsight")
        let status = try decode(StatusSnapshot.self, body)
        #expect(status.cameras.map(\.state) == [.online])
    }

    @Test func otherRoutesAndUnusualRequestsAreHandedOn() throws {
        let channel = try channel()
        for (path, fields, body) in [
            ("/events", HTTPFields(), nil as String?),
            ("/status?pretty=1", [:], nil),
            ("/status", [.connection: "close"], nil),
            ("/status", [.contentLength: "4"], "abcd"),
            ("/status", [.transferEncoding: "chunked"], "abcd"),
        ] {
            try send(channel, path, fields, body: body)
            let parts = try handedOn(channel)
            #expect(parts.count == (body == nil ? 2 : 3), "\(path) \(fields)")
            #expect(try answered(channel).isEmpty, "\(path) \(fields)")
            try channel.writeOutbound(HTTPResponsePart.end(nil))  // the router's answer ends
            _ = try answered(channel)
        }
    }

    @Test func nothingIsAnsweredAheadOfAnAnswerStillDue() throws {
        let channel = try channel()
        try send(channel, "/events")
        #expect(try handedOn(channel).count == 2)
        try send(channel, "/status")
        #expect(try handedOn(channel).count == 2, "/status waits its turn behind /events")
        #expect(try answered(channel).isEmpty)
        try channel.writeOutbound(HTTPResponsePart.end(nil))  // /events answered
        try channel.writeOutbound(HTTPResponsePart.end(nil))  // /status answered by the router
        _ = try answered(channel)
        try send(channel, "/status")
        #expect(try handedOn(channel).isEmpty)
        #expect(try answered(channel).count == 3)
    }

    @Test func statusNeedsTheTokenHereButHealthzDoesNot() throws {
        let channel = try channel(token: "0123456789abcdef-secret")
        try send(channel, "/status")
        #expect(try handedOn(channel).count == 2, "no token: the router refuses it")
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        _ = try answered(channel)
        try send(channel, "/status", [.authorization: "Bearer wrong-token-of-some-length"])
        #expect(try handedOn(channel).count == 2)
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        _ = try answered(channel)
        try send(channel, "/status", [.authorization: "Bearer 0123456789abcdef-secret"])
        #expect(try handedOn(channel).isEmpty)
        #expect(try answered(channel).count == 3)
        try send(channel, "/healthz")
        #expect(try handedOn(channel).isEmpty)
        let parts = try answered(channel)
        guard parts.count == 3, case .body(let body) = parts[1] else {
            Issue.record("expected an answer; got \(parts)")
            return
        }
        #expect(String(buffer: body) == #"{"status":"ok"}"#)
    }

    @Test func dateHeaderIsIMFFixdate() {
        #expect(HTTPDateField.format(secondsSince1970: 0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDateField.format(secondsSince1970: 1_796_022_250) == "Mon, 30 Nov 2026 07:04:10 GMT")
        #expect(HTTPDateField.format(secondsSince1970: 1_800_000_000) == "Fri, 15 Jan 2027 08:00:00 GMT")
    }
}
