import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to the feed on loopback, read by a thread into memory: lets a test
/// read a response that never ends (SSE) or watch the server close an idle connection.
final class RawHTTPConnection: Sendable {
    private let socket: Int32
    private let state = Mutex(ReadState())

    private struct ReadState {
        var bytes: [UInt8] = []
        var closedByPeer = false
    }

    init(port: Int) throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawHTTPError.socket(errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            Glibc.close(fd)
            throw RawHTTPError.connect(errno)
        }
        socket = fd
        // A thread, not a task: a blocking recv must not hold one of the few cooperative threads.
        let thread = Thread { [self] in readLoop() }
        thread.start()
    }

    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 {
                state.withLock { $0.closedByPeer = true }
                return
            }
            state.withLock { $0.bytes += buffer[0..<count] }
        }
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Everything received so far.
    var received: String { String(decoding: state.withLock { $0.bytes }, as: UTF8.self) }
    /// The peer closed the connection (or it failed).
    var closedByPeer: Bool { state.withLock { $0.closedByPeer } }

    /// The response body so far, with chunked transfer encoding removed.
    var body: String {
        let text = received
        guard let headerEnd = text.range(of: "\r\n\r\n") else { return "" }
        let head = text[..<headerEnd.lowerBound].lowercased()
        var rest = Substring(text[headerEnd.upperBound...])
        guard head.contains("transfer-encoding: chunked") else { return String(rest) }
        var body = ""
        while let lineEnd = rest.range(of: "\r\n"), let size = Int(rest[..<lineEnd.lowerBound], radix: 16) {
            let start = lineEnd.upperBound
            guard size > 0, rest.utf8.distance(from: start, to: rest.endIndex) >= size + 2 else { break }
            let end = rest.utf8.index(start, offsetBy: size)
            body += rest[start..<end]
            rest = rest[rest.utf8.index(end, offsetBy: 2)...]
        }
        return body
    }

    /// Closes our side; the read thread ends.
    func close() {
        shutdown(socket, Int32(SHUT_RDWR))
    }

    deinit {
        Glibc.close(socket)
    }
}

enum RawHTTPError: Error {
    case socket(Int32)
    case connect(Int32)
}
