#if canImport(Glibc)
import Glibc
#endif

/// Whether a host name or address in the configuration names an address at all.
enum HostAddress {
    /// True when `host` is an IPv4 or IPv6 address, or a name the resolver knows (`localhost`,
    /// a name in /etc/hosts or DNS).
    static func resolves(_ host: String) -> Bool {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &result)
        if let result { freeaddrinfo(result) }
        return status == 0
    }
}
