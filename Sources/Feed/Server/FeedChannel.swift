import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1 connection with the feed's own handlers added:
/// - `PollAnswerHandler` first, answering polls from the bytes read;
/// - `HTTPRulesHandler` after NIO's parser, which refuses a request without one `Host` and marks
///   requests that close their connection;
/// - `IdleTimeoutHandler`, after Hummingbird's connection-state handler, which keeps the idle
///   and request-head timeouts (Hummingbird's own is off: it would not see the polls answered
///   first) and reports to the server's `ConnectionRegistry`;
/// - `InlineAnswerHandler` after it, answering the same routes from NIO's parsed requests on
///   connections that also ask for others.
struct FeedChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    /// Hummingbird's channel, configured without an idle timeout.
    let http: HTTP1Channel
    let inline: InlineRoutes
    let idleTimeout: Duration
    let headTimeout: Duration
    let connections: ConnectionRegistry

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let inline = self.inline, idleTimeout = TimeAmount(idleTimeout), headTimeout = TimeAmount(headTimeout)
        let connections = self.connections
        return http.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            // After the connection-state handler, so that graceful shutdown counts inline answers.
            // The codec's place is the fallback should a later Hummingbird leave that handler out.
            let anchor: any ChannelHandler
            if let state = try? pipeline.handler(type: HTTPConnectionStateHandler.self) {
                anchor = state
            } else {
                anchor = try pipeline.handler(type: HTTP1ToHTTPServerCodec.self)
            }
            try pipeline.addHandler(HTTPRulesHandler(), position: .before(try pipeline.handler(type: HTTP1ToHTTPServerCodec.self)))
            let idle = IdleTimeoutHandler(timeout: idleTimeout, headTimeout: headTimeout, registry: connections)
            try pipeline.addHandler(idle, position: .after(anchor))
            try pipeline.addHandler(InlineAnswerHandler(routes: inline), position: .after(idle))
            try pipeline.addHandler(PollAnswerHandler(routes: inline, idle: idle), position: .first)
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await http.handle(value: value, logger: logger)
    }
}
