import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Words for an operator about a request that got no HTTP answer: the errors of AsyncHTTPClient,
/// NIO and TLS, sorted into what the operator can check.
enum WebhookTransportError {
    /// The sink error for `error`, thrown while posting to `url` with `timeout` per request.
    static func sinkError(_ error: any Error, url: String, timeout: Duration) -> SinkError {
        let (kind, words) = describe(error, timeout: timeout)
        return SinkError(kind, "webhook \(url): \(words)")
    }

    private static func describe(_ error: any Error, timeout: Duration) -> (SinkError.Kind, String) {
        switch error {
        case let error as NIOConnectionError:
            return describe(error, timeout: timeout)
        case is SocketAddressError.UnknownHost:
            return (.unavailable, "cannot resolve the host name (check the URL)")
        case let error as IOError:
            return (.unavailable, words(errno: error.errnoCode))
        case let error as ChannelError:
            return describe(error, timeout: timeout)
        case let error as HTTPClientError:
            return describe(error, timeout: timeout)
        case let error as NIOSSLError:
            return (.unavailable, "TLS failed: \(tlsWords(error))")
        case let error as NIOSSLExtraError where error == .failedToValidateHostname:
            return (.unavailable, "TLS failed: the receiver's certificate is not for this host name (check the URL's host)")
        case let error as NIOSSLExtraError:
            return (.unavailable, "TLS failed: \(error)")
        case let error as BoringSSLError:
            return (.unavailable, "TLS failed: \(tlsWords(error))")
        case is CancellationError:
            return (.unavailable, "the request was cancelled")
        default:
            return (.unavailable, "the request failed: \(String(describing: error))")
        }
    }

    private static func describe(_ error: NIOConnectionError, timeout: Duration) -> (SinkError.Kind, String) {
        // Only an address that could not be looked up at all is a DNS failure; one lookup (A or
        // AAAA) failing while the other worked is normal on IPv4-only networks.
        if let failure = error.connectionErrors.first {
            return describe(failure.error, timeout: timeout)
        }
        if error.dnsAError != nil || error.dnsAAAAError != nil {
            return (.unavailable, "cannot resolve the host name (check the URL)")
        }
        return (.unavailable, "cannot connect to \(error.host):\(error.port)")
    }

    private static func describe(_ error: ChannelError, timeout: Duration) -> (SinkError.Kind, String) {
        switch error {
        case .connectTimeout:
            return (.unavailable, noConnection(timeout))
        case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed:
            return (.unavailable, "the receiver closed the connection before answering")
        default:
            return (.unavailable, "the connection failed: \(error)")
        }
    }

    private static func describe(_ error: HTTPClientError, timeout: Duration) -> (SinkError.Kind, String) {
        switch error {
        case .connectTimeout, .getConnectionFromPoolTimeout:
            return (.unavailable, noConnection(timeout))
        case .deadlineExceeded, .readTimeout, .writeTimeout:
            return (.unavailable, "no answer within \(seconds(timeout)) (the receiver is slow or stuck; retrying)")
        case .remoteConnectionClosed:
            return (.unavailable, "the receiver closed the connection before answering")
        case .tlsHandshakeTimeout:
            return (.unavailable, "the TLS handshake did not finish within \(seconds(timeout)) (is the URL's port a TLS port?)")
        case .invalidURL, .emptyHost, .emptyScheme:
            return (.misconfigured, "not a valid URL (expected http://host/path or https://host/path)")
        case .alreadyShutdown:
            return (.unavailable, "the sink is closed")
        case .cancelled:
            return (.unavailable, "the request was cancelled")
        case .bodyLengthMismatch, .contentLengthMissing:
            return (.unavailable, "the receiver's answer was cut short")
        default:
            // HTTPClientError describes itself as `HTTPClientError.<case>`; the case name reads well enough.
            let name = String(describing: error).replacingOccurrences(of: "HTTPClientError.", with: "")
            return (.unavailable, "the HTTP request failed (\(name))")
        }
    }

    private static func noConnection(_ timeout: Duration) -> String {
        "no connection within \(seconds(timeout)) (check the host, the port and any firewall)"
    }

    private static func tlsWords(_ error: NIOSSLError) -> String {
        switch error {
        case .handshakeFailed(let error):
            tlsWords(error)
        case .uncleanShutdown:
            "the receiver ended the TLS session uncleanly"
        case .unableToValidateCertificate, .noCertificateToValidate:
            "the receiver's certificate could not be checked"
        default:
            "\(error)"
        }
    }

    private static func tlsWords(_ error: BoringSSLError) -> String {
        switch error {
        case .sslError(let stack), .unknownError(let stack):
            // BoringSSL's own reason codes, e.g. `CERTIFICATE_VERIFY_FAILED`, without the file and line.
            let reasons = stack.map { entry -> String in
                let text = String(describing: entry)
                guard let start = text.range(of: "error:") else { return text }
                let message = text[start.upperBound...].components(separatedBy: " at ")[0]
                return message.split(separator: ":").last.map(String.init) ?? String(message)
            }
            switch reasons.first {
            case "WRONG_VERSION_NUMBER":
                return "the receiver does not speak TLS on this port (should the URL be http?)"
            case "CERTIFICATE_VERIFY_FAILED":
                return "the receiver's certificate is not trusted (check its CA and its dates)"
            case let reason?:
                return reason.lowercased().replacingOccurrences(of: "_", with: " ")
            case nil:
                return "the handshake failed"
            }
        case .zeroReturn:
            return "the receiver closed the TLS session"
        case .syscallError:
            return "the connection failed during the TLS handshake"
        default:
            return "the handshake failed (\(error))"
        }
    }

    private static func words(errno code: Int32) -> String {
        switch code {
        case ECONNREFUSED: "connection refused (is the receiver running, on this port?)"
        case ECONNRESET: "the receiver reset the connection"
        case EPIPE: "the receiver closed the connection while we were sending"
        case ETIMEDOUT: "the connection timed out"
        case EHOSTUNREACH: "the host is unreachable (check the network)"
        case ENETUNREACH: "the network is unreachable (check the network)"
        default: "connection error: \(String(cString: strerror(code)))"
        }
    }

    private static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = attoseconds / 1_000_000_000_000_000
        return milliseconds == 0 ? "\(seconds) s" : "\(Double(seconds) + Double(milliseconds) / 1000) s"
    }
}
