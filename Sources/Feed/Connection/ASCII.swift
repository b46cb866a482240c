/// Byte helpers for reading HTTP heads by hand.
enum ASCII {
    static let cr: UInt8 = 13
    static let lf: UInt8 = 10
    static let space: UInt8 = 32
    static let tab: UInt8 = 9
    static let colon: UInt8 = 58

    /// `byte` with A–Z made a–z.
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }

    /// Whether `bytes` spell `lowercase` in any case (`lowercase` is given in lower case).
    static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer.SubSequence, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: lowercase.utf8Start, count: lowercase.utf8CodeUnitCount)
        return zip(bytes, expected).allSatisfy { lowercased($0) == $1 }
    }

    /// Whether `bytes` are exactly `text`.
    static func equals(_ bytes: UnsafeRawBufferPointer.SubSequence, _ text: [UInt8]) -> Bool {
        bytes.count == text.count && bytes.elementsEqual(text)
    }
}
