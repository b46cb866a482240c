import AsyncHTTPClient
import Events
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// POSTs batches of events as JSON (`WebhookBody`) to a URL, signed with HMAC-SHA256 over the
/// exact body bytes (`WebhookSignature`). A batch counts as delivered when the receiver answers
/// 2xx.
///
/// 408, 425, 429, 5xx and failures to connect or to get an answer in time throw `.unavailable`;
/// the runner pauses and sends the same events again. Any other 4xx means the receiver refuses
/// the batch for good: its events are then posted one at a time to find the ones it refuses,
/// which become dead letters. 401 and 403 (a wrong secret or token) and a wrong URL (3xx, 404,
/// 405, 410) are not dead-lettered but thrown, since every event would be refused alike.
///
/// Call `close()` when done with it (the runner does): the HTTP client must be shut down.
public actor WebhookSink: EventSink {
    public nonisolated let name: String
    public nonisolated let kind = "webhook"
    public nonisolated let batchLimit: Int

    private let settings: WebhookSinkSettings
    private let logger: Logger
    private let encoder = EventJSON.makeEncoder()
    private var client: HTTPClient?

    /// The most bytes of a receiver's answer kept, for dead-letter reasons.
    private static let keptAnswerBytes = 4096

    /// Creates the sink and its HTTP client; nothing is sent until the first batch.
    public init(settings: WebhookSinkSettings, logger: Logger) {
        name = settings.name
        batchLimit = max(1, settings.batchSize)
        self.settings = settings
        var logger = logger
        logger[metadataKey: "sink"] = "\(settings.name)"
        self.logger = logger
        var configuration = HTTPClient.Configuration()
        let timeout = TimeAmount(settings.requestTimeout)
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: timeout, read: timeout)
        // A redirected POST may turn into a GET; a moved receiver is a configuration to fix.
        configuration.redirectConfiguration = .disallow
        // The runner already retries with doubling pauses; the pool's own retries would only hide
        // the first error (DNS, refused) until the request's deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration, backgroundActivityLogger: logger)
    }

    deinit {
        // AsyncHTTPClient stops the process when a client is dropped running; a sink that was
        // never run (and so never closed) must not take the daemon down.
        client?.shutdown { _ in }
    }

    public func deliver(_ events: [StoredEvent]) async throws(SinkError) -> DeliveryResult {
        guard let first = events.first else { return .delivered }
        let answer = try await post(events)
        switch answer.outcome {
        case .accepted:
            return .delivered
        case .rejected where events.count == 1:
            return DeliveryResult(deadLetters: [DeadLetter(seq: first.seq, reason: answer.reason)])
        case .rejected:
            logger.notice("the receiver refused a batch; sending its events one at a time", metadata: [
                "status": "\(answer.status)", "first_seq": "\(first.seq)", "count": "\(events.count)",
            ])
            return try await deliverOneByOne(events)
        case .retry, .untrusted, .wrongURL:
            throw failure(answer)
        }
    }

    /// Does nothing: HTTP needs no standing connection. The URL is checked, so that a wrong one
    /// shows as misconfigured while all is quiet too.
    public func keepAlive() async throws(SinkError) {
        _ = try settings.validatedURL()
    }

    public func close() async {
        guard let client else { return }
        self.client = nil
        do {
            try await client.shutdown()
        } catch {
            logger.debug("HTTP client shutdown", metadata: ["error": "\(error)"])
        }
    }

    /// Posts each event alone: those refused for good become dead letters. A retryable failure
    /// throws, and the runner sends the whole batch again later (receivers see some events twice).
    private func deliverOneByOne(_ events: [StoredEvent]) async throws(SinkError) -> DeliveryResult {
        var letters: [DeadLetter] = []
        for event in events {
            let answer = try await post([event])
            switch answer.outcome {
            case .accepted:
                continue
            case .rejected:
                letters.append(DeadLetter(seq: event.seq, reason: answer.reason))
            case .retry, .untrusted, .wrongURL:
                throw failure(answer)
            }
        }
        return DeliveryResult(deadLetters: letters)
    }

    /// One POST of `events`; throws when no HTTP answer came.
    private func post(_ events: [StoredEvent]) async throws(SinkError) -> Answer {
        _ = try settings.validatedURL()
        guard let client else {
            throw SinkError(.unavailable, "webhook \(settings.displayURL): the sink is closed")
        }
        let request = try makeRequest(events)
        let status: Int
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: TimeAmount(settings.requestTimeout))
            status = Int(response.status.code)
        } catch {
            throw WebhookTransportError.sinkError(error, url: settings.displayURL, timeout: settings.requestTimeout)
        }
        // The status is the receiver's verdict; a body cut short afterwards does not change it.
        var kept: [UInt8] = []
        do {
            for try await chunk in response.body where kept.count < Self.keptAnswerBytes {
                kept += chunk.readableBytesView.prefix(Self.keptAnswerBytes - kept.count)
            }
        } catch {
            logger.debug("the receiver's answer was cut short", metadata: ["status": "\(status)", "error": "\(error)"])
        }
        return Answer(status: status, location: response.headers.first(name: "Location"),
                      text: String(decoding: kept, as: UTF8.self))
    }

    private func makeRequest(_ events: [StoredEvent]) throws(SinkError) -> HTTPClientRequest {
        let body: Data
        do {
            body = try WebhookBody(site: settings.site, sink: name, events: events).encoded(using: encoder)
        } catch {
            throw SinkError(.misconfigured, "webhook \(settings.displayURL): events \(events[0].seq)... cannot be encoded: \(error)")
        }
        var request = HTTPClientRequest(url: settings.url)
        request.method = .POST
        // Sorted, so every request carries them in the same order.
        for (header, value) in settings.extraHeaders.sorted(by: { $0.key < $1.key }) {
            request.headers.add(name: header, value: value)
        }
        // `replaceOrAdd`: the sink's own headers win over extra headers of the same name.
        request.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
        request.headers.replaceOrAdd(name: "User-Agent", value: "portsight/\(settings.version)")
        request.headers.replaceOrAdd(name: "X-Portsight-Delivery", value: "\(events[0].seq)-\(events[events.count - 1].seq)")
        if let secret = settings.secret {
            request.headers.replaceOrAdd(name: WebhookSignature.headerName, value: WebhookSignature.sign(body: body, secret: secret))
        } else {
            request.headers.remove(name: WebhookSignature.headerName)
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        return request
    }

    /// The error for an answer that is neither accepted nor refused for good.
    private func failure(_ answer: Answer) -> SinkError {
        let prefix = "webhook \(settings.displayURL): HTTP \(answer.status)"
        switch answer.outcome {
        case .untrusted:
            return SinkError(.refused, "\(prefix) (the receiver refused our credentials; check the secret and the headers)\(answer.detail)")
        case .wrongURL:
            switch answer.status {
            case 300..<400:
                let target = answer.location.map { " to \($0)" } ?? ""
                return SinkError(.misconfigured, "\(prefix) (the receiver redirects\(target); put the new URL in the configuration)")
            case 410:
                return SinkError(.misconfigured, "\(prefix) (the receiver says this webhook is gone; check the URL)")
            default:
                return SinkError(.misconfigured, "\(prefix) (no webhook that takes POST at this URL; check the path)")
            }
        case .retry, .accepted, .rejected:
            let why = switch answer.status {
            case 408: "the receiver timed out reading the request"
            case 425: "the receiver is not ready"
            case 429: "the receiver asks us to slow down"
            case 500..<600: "the receiver failed"
            default: "an unexpected answer"
            }
            return SinkError(.unavailable, "\(prefix) (\(why); retrying)")
        }
    }
}

/// A receiver's answer: its status and the start of its body.
private struct Answer {
    var status: Int
    var location: String?
    var text: String

    var outcome: WebhookOutcome { WebhookOutcome(status: status) }

    /// The dead-letter reason: `HTTP 422: <the first 200 characters of the answer>`.
    var reason: String {
        let snippet = oneLine
        return snippet.isEmpty ? "HTTP \(status)" : "HTTP \(status): \(snippet)"
    }

    /// `: <answer>` for an error message, or nothing.
    var detail: String {
        let snippet = oneLine
        return snippet.isEmpty ? "" : ": \(snippet)"
    }

    /// The answer's first 200 characters on one line (it goes into logs and `/status`).
    private var oneLine: String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return String(flat.trimmingCharacters(in: .whitespaces).prefix(200))
    }
}
