/// The feed's bearer token, compared in constant time so that response timing does not tell how
/// much of a guess was right.
struct BearerToken: Sendable {
    let bytes: [UInt8]

    init(_ token: String) {
        bytes = Array(token.utf8)
    }

    /// Whether an `Authorization` header value is `Bearer <token>` (the scheme in any case).
    func isCarried(by header: String) -> Bool {
        isCarried(byUTF8: Array(header.utf8))
    }

    /// The same for the header value's bytes.
    func isCarried(byUTF8 header: some Collection<UInt8>) -> Bool {
        let scheme = Self.scheme
        guard header.count > scheme.count,
              zip(header.prefix(scheme.count), scheme).allSatisfy({ ASCII.lowercased($0) == $1 })
        else { return false }
        return Self.constantTimeEqual(Array(header.dropFirst(scheme.count)), bytes)
    }

    private static let scheme = Array("bearer ".utf8)

    /// Compares every byte whatever the first difference; only the length leaks.
    static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: left.count ^ right.count)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            difference |= a ^ b
        }
        return difference == 0 && left.count == right.count
    }
}
