/// What a receiver's HTTP status means for the events of a request.
enum WebhookOutcome: Sendable, Hashable {
    /// 2xx: every event of the request was taken.
    case accepted
    /// 408, 425, 429, 5xx and anything unknown: the receiver could not take them now; send again.
    case retry
    /// 401, 403: the receiver does not trust us (a wrong secret or token). Sending the events
    /// one by one would only dead-letter all of them, so the runner retries until it is fixed.
    case untrusted
    /// 3xx, 404, 405, 410: the URL is wrong or gone; retried slowly until it is fixed.
    case wrongURL
    /// Any other 4xx: the receiver refuses these events for good.
    case rejected

    /// The outcome of status `code`.
    init(status code: Int) {
        switch code {
        case 200..<300: self = .accepted
        case 401, 403: self = .untrusted
        // Redirects are not followed: a POST redirected by 301/302 would turn into a GET.
        case 300..<400, 404, 405, 410: self = .wrongURL
        case 408, 425, 429: self = .retry
        case 400..<500: self = .rejected
        default: self = .retry
        }
    }
}
