import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing
@testable import Feed

/// The feed's idle rule, on an embedded loop whose clock the test moves.
@Suite struct IdleTimeoutHandlerTests {
    func channel() throws -> (EmbeddedChannel, IdleTimeoutHandler) {
        let handler = IdleTimeoutHandler(timeout: .seconds(10), headTimeout: .seconds(10))
        let channel = EmbeddedChannel(handler: handler)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return (channel, handler)
    }

    func head() -> HTTPRequestPart {
        .head(HTTPRequest(method: .get, scheme: nil, authority: "localhost", path: "/events/stream"))
    }

    @Test func aConnectionWithoutRequestsIsClosedAfterTheTimeout() throws {
        let (channel, _) = try channel()
        channel.embeddedEventLoop.advanceTime(by: .seconds(9))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        #expect(!channel.isActive)
    }

    @Test func answersMadeElsewhereCountAsActivity() throws {
        let (channel, handler) = try channel()
        channel.embeddedEventLoop.advanceTime(by: .seconds(8))
        handler.answered(at: channel.embeddedEventLoop.now)
        channel.embeddedEventLoop.advanceTime(by: .seconds(8))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive)
    }

    @Test func aRequestBeingAnsweredHoldsTheConnectionOpen() throws {
        let (channel, _) = try channel()
        try channel.writeInbound(head())
        try channel.writeInbound(HTTPRequestPart.end(nil))
        // An event stream: the answer goes on for a minute.
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        channel.embeddedEventLoop.advanceTime(by: .seconds(60))
        #expect(channel.isActive)
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        channel.embeddedEventLoop.advanceTime(by: .seconds(9))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive)
    }

    @Test func aRequestThatNeverEndsDoesNot() throws {
        let (channel, _) = try channel()
        try channel.writeInbound(head())
        channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        #expect(!channel.isActive)
    }

    @Test func aHeadBegunMustCompleteWithinTheHeadTimeout() throws {
        let handler = IdleTimeoutHandler(timeout: .seconds(30), headTimeout: .seconds(5))
        let channel = EmbeddedChannel(handler: handler)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        try channel.writeInbound(head())
        try channel.writeInbound(HTTPRequestPart.end(nil))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        // Idle between requests: the idle timeout holds.
        channel.embeddedEventLoop.advanceTime(by: .seconds(20))
        #expect(channel.isActive)
        // Then part of a head comes, and no more.
        handler.headBegan(at: channel.embeddedEventLoop.now)
        channel.embeddedEventLoop.advanceTime(by: .seconds(4))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        #expect(!channel.isActive)
    }

    @Test func aNewConnectionMustSendItsFirstHeadWithinTheHeadTimeout() throws {
        let handler = IdleTimeoutHandler(timeout: .seconds(30), headTimeout: .seconds(5))
        let channel = EmbeddedChannel(handler: handler)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        channel.embeddedEventLoop.advanceTime(by: .seconds(5))
        #expect(!channel.isActive)
    }
}
