import Hummingbird
import NIOCore
import NIOHTTPTypes

/// Answers the `InlineRoutes` on the connection's event loop and hands every other request on,
/// unchanged, to Hummingbird's task. It sits after Hummingbird's connection-state handler and the
/// feed's `IdleTimeoutHandler`, so graceful shutdown and idle timeouts see inline answers like
/// any other. (On a connection that only polls, `PollAnswerHandler` answers first.)
///
/// Answers leave in the order requests came: a request is answered here only while no request
/// handed on still waits for its answer (NIO's pipelining handler, earlier in the channel, also
/// holds a request back until the one before it is answered).
final class InlineAnswerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// A request being answered here: its head has come, its end has not.
    private struct Pending {
        let route: InlineRoutes.Route
        let start: ContinuousClock.Instant
    }

    private let routes: InlineRoutes
    private var pending: Pending?
    /// Requests handed on whose answer has not ended yet.
    private var handedOn = 0
    private var date = HTTPDateField()

    init(routes: InlineRoutes) {
        self.routes = routes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            // A client that does not read its answers gets the router's, which waits for it.
            if handedOn == 0, context.channel.isWritable, let route = routes.route(for: request) {
                pending = Pending(route: route, start: .now)
                return
            }
            handedOn += 1
            context.fireChannelRead(data)
        case .body:
            // An inline route takes no body (`InlineRoutes` hands on requests that declare one).
            if pending == nil { context.fireChannelRead(data) }
        case .end:
            guard let request = pending else {
                context.fireChannelRead(data)
                return
            }
            pending = nil
            answer(request, context: context)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // Hummingbird's answers to requests handed on; an answer to a request that never came
        // this way (a 400 for a head that could not be parsed) does not count below zero.
        if case .end = unwrapOutboundIn(data) { handedOn = max(0, handedOn - 1) }
        context.write(data, promise: promise)
    }

    private func answer(_ request: Pending, context: ChannelHandlerContext) {
        let body = request.route.body()
        var fields = HTTPFields()
        fields[.contentType] = FeedJSON.contentType
        fields[.cacheControl] = "no-store"
        fields[.contentLength] = String(body.readableBytes)
        fields[.date] = date.now()
        fields[.server] = FeedServer.serverName
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .ok, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        request.route.recordAnswer(startedAt: request.start)
    }
}
