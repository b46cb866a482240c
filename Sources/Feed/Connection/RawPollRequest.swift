/// Reading a poll request from the bytes on the wire, before NIO's HTTP parser, for
/// `PollAnswerHandler`. Only the plainest requests qualify; anything else, well-formed or not, is
/// left to the parser and the router, which answer it as they answer any request.
extension InlineRoutes {
    /// A complete request at the start of the bytes read, which a route here answers.
    struct RawMatch: Equatable {
        /// Its index in `routes`.
        let route: Int
        /// The bytes it takes, its blank line included.
        let length: Int
    }

    private static let getBytes = Array("GET ".utf8)
    private static let versionBytes = Array(" HTTP/1.1".utf8)

    /// Heads longer than this go to the parser, which applies the feed's real limits.
    static let maxRawHeadBytes = 4096

    /// The request at the start of `bytes` when it is complete, answered here, and plain:
    /// `GET <path> HTTP/1.1` with CRLF line ends, one `Host`, no body (`Content-Length` 0 at
    /// most, no `Transfer-Encoding`), no `Expect` or `Upgrade`, `Connection` at most
    /// `keep-alive`, no control bytes, no folded lines, no repeated `Authorization`, and the
    /// token when the route needs one. Anything else is nil.
    func match(rawRequest bytes: UnsafeRawBufferPointer) -> RawMatch? {
        var lines = HeadLines(bytes: bytes[..<min(bytes.count, Self.maxRawHeadBytes)])
        guard let requestLine = lines.next(), let route = route(requestLine: requestLine) else { return nil }
        var hosts = 0
        var authorization: UnsafeRawBufferPointer.SubSequence?
        while true {
            guard let line = lines.next() else { return nil }  // the head is not all here
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ASCII.colon), colon > line.startIndex,
                  line.first != ASCII.space, line.first != ASCII.tab,
                  !line.contains(where: { ($0 < ASCII.space && $0 != ASCII.tab) || $0 == 127 })
            else { return nil }
            let name = line[..<colon]
            let value = Self.trimmed(line[(colon + 1)...])
            if ASCII.equalsIgnoringCase(name, "host") {
                hosts += 1
            } else if ASCII.equalsIgnoringCase(name, "authorization") {
                guard authorization == nil else { return nil }
                authorization = value
            } else if ASCII.equalsIgnoringCase(name, "connection") {
                guard ASCII.equalsIgnoringCase(value, "keep-alive") else { return nil }
            } else if ASCII.equalsIgnoringCase(name, "content-length") {
                guard ASCII.equalsIgnoringCase(value, "0") else { return nil }
            } else if ASCII.equalsIgnoringCase(name, "transfer-encoding") || ASCII.equalsIgnoringCase(name, "expect")
                || ASCII.equalsIgnoringCase(name, "upgrade") {
                return nil
            }
        }
        guard hosts == 1 else { return nil }
        if routes[route].needsToken, let token {
            guard let authorization, token.isCarried(byUTF8: authorization) else { return nil }
        }
        return RawMatch(route: route, length: lines.consumed)
    }

    /// The route a `GET <path> HTTP/1.1` line asks for.
    private func route(requestLine line: UnsafeRawBufferPointer.SubSequence) -> Int? {
        let get = Self.getBytes, version = Self.versionBytes
        guard line.count > get.count + version.count, line.prefix(get.count).elementsEqual(get),
              line.suffix(version.count).elementsEqual(version)
        else { return nil }
        let path = line.dropFirst(get.count).dropLast(version.count)
        return routes.firstIndex { ASCII.equals(path, $0.pathBytes) }
    }

    private static func trimmed(_ value: UnsafeRawBufferPointer.SubSequence) -> UnsafeRawBufferPointer.SubSequence {
        let isSpace = { (byte: UInt8) in byte == ASCII.space || byte == ASCII.tab }
        guard let first = value.firstIndex(where: { !isSpace($0) }), let last = value.lastIndex(where: { !isSpace($0) }) else {
            return value[value.endIndex...]
        }
        return value[first...last]
    }
}

/// The CRLF-ended lines of a request head, in order, without their CRLF.
private struct HeadLines {
    let bytes: UnsafeRawBufferPointer.SubSequence
    /// The bytes the lines returned so far take, line ends included.
    private(set) var consumed = 0

    init(bytes: UnsafeRawBufferPointer.SubSequence) {
        self.bytes = bytes
    }

    /// The next line, or nil when no CRLF ends it (or a bare LF does).
    mutating func next() -> UnsafeRawBufferPointer.SubSequence? {
        let start = bytes.startIndex + consumed
        guard let lf = bytes[start...].firstIndex(of: ASCII.lf), lf > start, bytes[lf - 1] == ASCII.cr else { return nil }
        consumed = lf + 1 - bytes.startIndex
        return bytes[start..<(lf - 1)]
    }
}
