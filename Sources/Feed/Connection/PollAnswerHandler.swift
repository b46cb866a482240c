import NIOCore

/// Answers `GET /status` and `GET /healthz` straight from the bytes read, before NIO's HTTP
/// parser, on a connection that has only ever polled them: the way monitors poll.
///
/// On a small busy box the CPU a request takes is also how long it stays exposed to losing its
/// core to a pipeline thread; NIO's parser, the HTTP types and their encoder were most of a
/// `/status` answer's 70 µs and most of its tail (README, "Feed under load"). This handler sits
/// first in the channel, matches a plain request with `InlineRoutes.match(rawRequest:)` and
/// writes the router's answer, byte for byte.
///
/// The first read that holds anything else (another route, a request cut in two, anything
/// unusual) goes to NIO's parser from that byte on, and so does every read after it: the parser
/// may then hold part of a request, so the connection stays with it. Answers leave in the order
/// requests came, since nothing was handed on before them. A connection that cannot take more
/// output just now goes to the parser too, which waits for its client.
final class PollAnswerHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let routes: InlineRoutes
    private let idle: IdleTimeoutHandler
    /// Whether this connection's bytes still come here first.
    private(set) var polling = true
    private var date = HTTPDateField()

    init(routes: InlineRoutes, idle: IdleTimeoutHandler) {
        self.routes = routes
        self.idle = idle
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard polling else {
            idle.headBegan(at: context.eventLoop.now)
            return context.fireChannelRead(data)
        }
        var bytes = unwrapInboundIn(data)
        var answers: ByteBuffer?
        while context.channel.isWritable, bytes.readableBytes > 0,
              let match = bytes.withUnsafeReadableBytes({ routes.match(rawRequest: $0) }) {
            let start = ContinuousClock.now
            let route = routes.routes[match.route]
            if answers == nil { answers = context.channel.allocator.buffer(capacity: 1024) }
            write(route.body(), into: &answers!)
            bytes.moveReaderIndex(forwardBy: match.length)
            route.recordAnswer(startedAt: start)
        }
        if let answers {
            context.writeAndFlush(wrapOutboundOut(answers), promise: nil)
            idle.answered(at: context.eventLoop.now)
        }
        if bytes.readableBytes > 0 {
            polling = false
            idle.headBegan(at: context.eventLoop.now)
            context.fireChannelRead(wrapInboundOut(bytes))
        }
    }

    /// The router's answer to an inline route: the same header fields, in the same order.
    private func write(_ body: ByteBuffer, into out: inout ByteBuffer) {
        out.writeStaticString("HTTP/1.1 200 OK\r\nContent-Type: ")
        out.writeString(FeedJSON.contentType)
        out.writeStaticString("\r\nCache-Control: no-store\r\nContent-Length: ")
        out.writeString(String(body.readableBytes))
        out.writeStaticString("\r\nDate: ")
        out.writeString(date.now())
        out.writeStaticString("\r\nServer: ")
        out.writeString(FeedServer.serverName)
        out.writeStaticString("\r\n\r\n")
        out.writeImmutableBuffer(body)
    }
}
