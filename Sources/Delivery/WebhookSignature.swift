import Crypto
import Foundation

/// The `X-Portsight-Signature-256` header: `sha256=` and the lowercase hex HMAC-SHA256 of the
/// exact body bytes, keyed with the sink's secret (GitHub's webhook convention). A receiver
/// computes the same over the raw body it read, before parsing it, and compares.
public enum WebhookSignature {
    /// The header's name.
    public static let headerName = "X-Portsight-Signature-256"

    /// The header's value for `body`: `sha256=<64 lowercase hex digits>`.
    public static func sign(body: Data, secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + code.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 0x10 ? "0" + hex : hex
        }.joined()
    }

    /// True when `signature` (the header's value) is the signature of `body` with `secret`.
    /// Compares in constant time, so a forger learns nothing from how long a refusal takes.
    public static func verify(body: Data, secret: String, signature: String) -> Bool {
        let prefix = "sha256="
        guard signature.hasPrefix(prefix), let code = bytes(hex: signature.dropFirst(prefix.count)) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: body, using: SymmetricKey(data: Data(secret.utf8)))
    }

    /// The bytes of 64 hex digits (either case), or nil.
    private static func bytes(hex: Substring) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count == SHA256.byteCount * 2 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(SHA256.byteCount)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
