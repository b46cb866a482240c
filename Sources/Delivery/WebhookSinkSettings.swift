import Foundation

/// A webhook sink's settings: where batches are posted, how they are signed, how big they are.
public struct WebhookSinkSettings: Sendable, Hashable {
    /// The sink's name (its cursor's key, and the body's `sink`).
    public var name: String
    /// The receiver's URL, `http://` or `https://`.
    public var url: String
    /// The HMAC-SHA256 key of the `X-Portsight-Signature-256` header; nil sends no signature.
    public var secret: String?
    /// The most events in one request.
    public var batchSize: Int = 100
    /// How long one request may take, connecting included, before it counts as failed.
    public var requestTimeout: Duration = .seconds(10)
    /// Headers added to every request (an `Authorization`, say). They cannot replace the sink's
    /// own: `Content-Type`, `User-Agent` and the `X-Portsight-*` headers.
    public var extraHeaders: [String: String] = [:]
    /// The site's name, the body's `site`.
    public var site: String
    /// The daemon's version, in the `User-Agent` (`portsight/<version>`).
    public var version: String

    /// Creates settings with the defaults above.
    public init(
        name: String, url: String, secret: String? = nil, batchSize: Int = 100, requestTimeout: Duration = .seconds(10),
        extraHeaders: [String: String] = [:], site: String, version: String
    ) {
        self.name = name
        self.url = url
        self.secret = secret
        self.batchSize = batchSize
        self.requestTimeout = requestTimeout
        self.extraHeaders = extraHeaders
        self.site = site
        self.version = version
    }

    /// The URL, checked: an absolute `http` or `https` URL with a host. Throws `.misconfigured`
    /// otherwise, so a configuration loader can report it before the sink starts.
    public func validatedURL() throws(SinkError) -> URL {
        guard let parsed = URLComponents(string: url), let scheme = parsed.scheme?.lowercased() else {
            throw SinkError(.misconfigured, "webhook \(url): not a valid URL (expected http://host/path or https://host/path)")
        }
        guard scheme == "http" || scheme == "https" else {
            throw SinkError(.misconfigured, "webhook \(url): the scheme must be http or https, not \(scheme)")
        }
        guard let host = parsed.host, !host.isEmpty, let valid = parsed.url else {
            throw SinkError(.misconfigured, "webhook \(url): the URL has no host name")
        }
        return valid
    }

    /// The URL as error messages and logs show it: without a user, password or query, which may
    /// hold credentials.
    public var displayURL: String {
        guard var parsed = URLComponents(string: url) else { return url }
        parsed.user = nil
        parsed.password = nil
        parsed.query = nil
        parsed.fragment = nil
        return parsed.string ?? url
    }
}
