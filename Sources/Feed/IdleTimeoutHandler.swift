import NIOCore
import NIOHTTPTypes

/// Closes a connection that has not finished a request within the feed's idle timeout of its
/// last answer (or of its start), the rule Hummingbird's own idle timeout applies: a request
/// read and being answered holds it open however long the answer takes (an event stream, say);
/// one whose head or body never ends does not.
///
/// The feed keeps this rule itself, not in Hummingbird's connection-state handler, because
/// `PollAnswerHandler` answers polls before any HTTP handler sees them: it reports each
/// answer with `answered(at:)`. This handler sits after Hummingbird's and sees every other request
/// and answer.
final class IdleTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let timeout: TimeAmount
    private var lastAnswered = NIODeadline.uptimeNanoseconds(0)
    /// Requests whose head has come and whose answer has not ended.
    private var inProgress = 0
    /// Whether the newest of them is still coming in (its end not read yet).
    private var readingRequest = false
    private var check: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    /// A request was answered without passing here, at `time` (the event loop's `now`).
    func answered(at time: NIODeadline) {
        lastAnswered = time
    }

    func handlerAdded(context: ChannelHandlerContext) {
        lastAnswered = context.eventLoop.now
        if context.channel.isActive { schedule(context, at: lastAnswered + timeout) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        check?.cancel()
        check = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        lastAnswered = context.eventLoop.now
        schedule(context, at: lastAnswered + timeout)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        check?.cancel()
        check = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            inProgress += 1
            readingRequest = true
        case .body:
            break
        case .end:
            readingRequest = false
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            // An answer to a head that could not be parsed (a 400) never counted in.
            inProgress = max(0, inProgress - 1)
            lastAnswered = context.eventLoop.now
        }
        context.write(data, promise: promise)
    }

    private func schedule(_ context: ChannelHandlerContext, at deadline: NIODeadline) {
        guard check == nil else { return }
        check = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            check = nil
            if !readingRequest, inProgress > 0 {
                // Being answered: look again a timeout later.
                schedule(context, at: context.eventLoop.now + timeout)
            } else if context.eventLoop.now >= lastAnswered + timeout {
                context.close(promise: nil)
            } else {
                schedule(context, at: lastAnswered + timeout)
            }
        }
    }
}
