import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes

/// Hummingbird's HTTP/1 connection with the feed's `InlineAnswerHandler` added just before the
/// request is handed to a task.
struct FeedChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let http: HTTP1Channel
    let inline: InlineRoutes

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let inline = self.inline
        return http.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            // After the connection-state handler, so that idle timeouts and graceful shutdown
            // count inline answers. Should a later Hummingbird lay out its channel otherwise, every
            // request simply goes the router's way.
            if let state = try? pipeline.handler(type: HTTPConnectionStateHandler.self) {
                try pipeline.addHandler(InlineAnswerHandler(routes: inline), position: .after(state))
            } else {
                logger.debug("feed: no connection-state handler found; /status is answered by the router")
            }
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await http.handle(value: value, logger: logger)
    }
}
