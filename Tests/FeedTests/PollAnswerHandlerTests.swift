import Metrics
import NIOCore
import NIOEmbedded
import Testing
@testable import Feed

/// The handler that answers polls from the bytes read, driven read by read.
@Suite struct PollAnswerHandlerTests {
    let board = StatusBoard(version: "0.0.1-test", cameras: ["gate1"])
    let status = "GET /status HTTP/1.1\r\nHost: localhost\r\n\r\n"
    let healthz = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"
    let events = "GET /events?since=0 HTTP/1.1\r\nHost: localhost\r\n\r\n"

    func channel() throws -> (EmbeddedChannel, PollAnswerHandler) {
        let routes = InlineRoutes(status: board, token: nil, metricsFactory: NOOPMetricsHandler.instance)
        let handler = PollAnswerHandler(routes: routes, idle: IdleTimeoutHandler(timeout: .seconds(30), headTimeout: .seconds(10)))
        return (EmbeddedChannel(handler: handler), handler)
    }

    /// Everything written back to the client so far.
    func answered(_ channel: EmbeddedChannel) throws -> String {
        var text = ""
        while var buffer = try channel.readOutbound(as: ByteBuffer.self) { text += buffer.readString(length: buffer.readableBytes) ?? "" }
        return text
    }

    /// Everything handed on to NIO's parser so far.
    func handedOn(_ channel: EmbeddedChannel) throws -> String {
        var text = ""
        while var buffer = try channel.readInbound(as: ByteBuffer.self) { text += buffer.readString(length: buffer.readableBytes) ?? "" }
        return text
    }

    @Test func aPollIsAnsweredWithTheRoutersHeadAndTheBoardsJSON() throws {
        board.setCameraState("gate1", .online)
        let (channel, handler) = try channel()
        try channel.writeInbound(ByteBuffer(string: status))
        #expect(try handedOn(channel).isEmpty)
        let answer = try answered(channel)
        let parts = answer.components(separatedBy: "\r\n\r\n")
        try #require(parts.count == 2)
        let head = parts[0].components(separatedBy: "\r\n")
        #expect(head[0] == "HTTP/1.1 200 OK")
        #expect(head[1] == "Content-Type: application/json; charset=utf-8")
        #expect(head[2] == "Cache-Control: no-store")
        #expect(head[3] == "Content-Length: \(parts[1].utf8.count)")
        #expect(head[4].hasPrefix("Date: ") && head[4].hasSuffix(" GMT"))
        #expect(head[5] == "Server: portsight")
        #expect(head.count == 6)
        let snapshot = try decode(StatusSnapshot.self, ByteBuffer(string: parts[1]))
        #expect(snapshot.cameras.map(\.state) == [.online])
        #expect(handler.polling)
    }

    @Test func pollsReadTogetherAreAnsweredTogetherInOrder() throws {
        let (channel, handler) = try channel()
        try channel.writeInbound(ByteBuffer(string: healthz + status + healthz))
        let answer = try answered(channel)
        #expect(answer.components(separatedBy: "HTTP/1.1 200 OK").count == 4)
        #expect(answer.range(of: #"{"status":"ok"}HTTP/1.1 200 OK"#) != nil)
        #expect(answer.hasSuffix(#"{"status":"ok"}"#))
        #expect(try handedOn(channel).isEmpty)
        #expect(handler.polling)
    }

    @Test func fromTheFirstOtherRequestOnEverythingGoesToTheParser() throws {
        let (channel, handler) = try channel()
        // A poll answered, then the rest of the read handed on from the other request's first byte.
        try channel.writeInbound(ByteBuffer(string: status + events + status))
        #expect(try answered(channel).components(separatedBy: "HTTP/1.1 200 OK").count == 2)
        #expect(try handedOn(channel) == events + status)
        #expect(!handler.polling)
        // Later polls too: the parser may hold part of a request.
        try channel.writeInbound(ByteBuffer(string: status))
        #expect(try answered(channel).isEmpty)
        #expect(try handedOn(channel) == status)
    }

    @Test func aRequestCutInTwoGoesToTheParser() throws {
        let (channel, handler) = try channel()
        let cut = status.utf8.count / 2
        try channel.writeInbound(ByteBuffer(string: String(status.prefix(cut))))
        try channel.writeInbound(ByteBuffer(string: String(status.dropFirst(cut))))
        #expect(try answered(channel).isEmpty)
        #expect(try handedOn(channel) == status)
        #expect(!handler.polling)
    }

    @Test func aClientThatDoesNotReadItsAnswersGoesToTheParser() throws {
        let (channel, handler) = try channel()
        channel.isWritable = false
        try channel.writeInbound(ByteBuffer(string: status))
        #expect(try answered(channel).isEmpty)
        #expect(try handedOn(channel) == status)
        #expect(!handler.polling)
    }
}
