import NIOCore
import NIOHTTPTypes

/// Closes a connection that does not use its time, with the rule Hummingbird's own idle timeout
/// applies and a shorter limit for request heads:
/// - a request read and being answered holds the connection open however long the answer takes
///   (an event stream, say);
/// - a request head must be complete within `headTimeout` of its first byte, and a new
///   connection must send one within `headTimeout` of opening: slow or silent clients let go
///   of their socket soon;
/// - a connection idle between requests closes `idleTimeout` after its last answer.
///
/// It also tells the server's `ConnectionRegistry` when the connection is being answered, so
/// that a full server closes idle connections, never busy ones.
///
/// The feed keeps this rule itself, not in Hummingbird's connection-state handler, because
/// `PollAnswerHandler` answers polls before any HTTP handler sees them: it reports each
/// answer with `answered(at:)` and each start of a request it hands on with `headBegan(at:)`.
/// This handler sits after Hummingbird's and sees every other request and answer.
final class IdleTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let timeout: TimeAmount
    private let headTimeout: TimeAmount
    private let registry: ConnectionRegistry?
    private var context: ChannelHandlerContext?
    private var lastAnswered = NIODeadline.uptimeNanoseconds(0)
    /// When bytes of a request head came that no complete head has followed yet (or the
    /// connection opened, before its first request).
    private var headStarted: NIODeadline?
    /// Requests whose head has come and whose answer has not ended.
    private var inProgress = 0
    /// Whether the newest of them is still coming in (its end not read yet).
    private var readingRequest = false
    private var check: Scheduled<Void>?
    private var checkAt: NIODeadline?

    init(timeout: TimeAmount, headTimeout: TimeAmount, registry: ConnectionRegistry? = nil) {
        self.timeout = timeout
        self.headTimeout = min(headTimeout, timeout)
        self.registry = registry
    }

    /// A request was answered without passing here, at `time` (the event loop's `now`).
    func answered(at time: NIODeadline) {
        lastAnswered = time
        headStarted = nil
        if let channel = context?.channel { registry?.setBusy(false, channel, at: time) }
    }

    /// Bytes of a request that has not reached the parser's end of head came at `time`.
    func headBegan(at time: NIODeadline) {
        guard headStarted == nil, inProgress == 0 else { return }
        headStarted = time
        // Look sooner than the idle check already set, if it is later than the head's deadline.
        if let context, let checkAt, checkAt > deadline {
            check?.cancel()
            check = nil
            schedule(context, at: deadline)
        }
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { started(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stopped()
    }

    func channelActive(context: ChannelHandlerContext) {
        started(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopped()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            inProgress += 1
            readingRequest = true
            headStarted = nil
            if let channel = self.context?.channel { registry?.setBusy(true, channel, at: context.eventLoop.now) }
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
            if inProgress == 0, let channel = self.context?.channel { registry?.setBusy(false, channel, at: lastAnswered) }
        }
        context.write(data, promise: promise)
    }

    private func started(_ context: ChannelHandlerContext) {
        guard self.context == nil else { return }
        self.context = context
        lastAnswered = context.eventLoop.now
        headStarted = lastAnswered
        registry?.admit(context.channel, at: lastAnswered)
        schedule(context, at: lastAnswered + headTimeout)
    }

    private func stopped() {
        check?.cancel()
        check = nil
        if let channel = context?.channel { registry?.remove(channel) }
        context = nil
    }

    /// When the connection is to close if nothing changes.
    private var deadline: NIODeadline {
        if let headStarted { return min(headStarted + headTimeout, lastAnswered + timeout) }
        return lastAnswered + timeout
    }

    private func schedule(_ context: ChannelHandlerContext, at deadline: NIODeadline) {
        guard check == nil else { return }
        checkAt = deadline
        check = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            check = nil
            if !readingRequest, inProgress > 0 {
                // Being answered: look again a timeout later.
                schedule(context, at: context.eventLoop.now + timeout)
            } else if context.eventLoop.now >= self.deadline {
                context.close(promise: nil)
            } else {
                schedule(context, at: self.deadline)
            }
        }
    }
}
