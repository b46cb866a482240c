/// The feed's bearer token, compared in constant time so that response timing does not tell how
/// much of a guess was right.
struct BearerToken: Sendable {
    let bytes: [UInt8]

    init(_ token: String) {
        bytes = Array(token.utf8)
    }

    /// Whether an `Authorization` header value is `Bearer <token>` (the scheme in any case).
    func isCarried(by header: String) -> Bool {
        let prefix = "bearer "
        return header.utf8.count > prefix.utf8.count && header.prefix(prefix.count).lowercased() == prefix
            && Self.constantTimeEqual(Array(header.utf8.dropFirst(prefix.utf8.count)), bytes)
    }

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
