import Foundation
import NIOCore
import NIOHTTP1

/// HTTP/1 rules the layers after it do not keep, applied to each parsed request head:
/// - an HTTP/1.1 request needs exactly one `Host` field (RFC 9112, 3.2): without one, or with
///   two, it gets 400 and the connection closes;
/// - a request that does not keep the connection alive (HTTP/1.0 without `Connection:
///   keep-alive`, or any `Connection: close`) is marked `Connection: close`, the form Hummingbird
///   recognises, so the connection closes after its answer instead of waiting out the idle timeout.
final class HTTPRulesHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// Set once a request was refused: nothing more is read from the connection.
    private var refused = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        guard case .head(var head) = unwrapInboundIn(data) else { return context.fireChannelRead(data) }
        let hosts = head.headers["host"].count
        if head.version.major == 1, head.version.minor >= 1 ? hosts != 1 : hosts > 1 {
            refused = true
            refuse(hosts == 0 ? "an HTTP/1.1 request needs a Host header" : "a request may carry one Host header, not \(hosts)",
                   context: context)
            return
        }
        if !head.isKeepAlive, head.headers["connection"] != ["close"] {
            head.headers.replaceOrAdd(name: "connection", value: "close")
            return context.fireChannelRead(wrapInboundOut(.head(head)))
        }
        context.fireChannelRead(data)
    }

    private func refuse(_ message: String, context: ChannelHandlerContext) {
        var body = context.channel.allocator.buffer(capacity: 128)
        body.writeBytes((try? FeedJSON.makeEncoder().encode(FeedErrorBody(error: message, parameter: "Host"))) ?? Data())
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: FeedJSON.contentType)
        headers.add(name: "content-length", value: String(body.readableBytes))
        headers.add(name: "connection", value: "close")
        headers.add(name: "server", value: FeedServer.serverName)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .badRequest, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}
