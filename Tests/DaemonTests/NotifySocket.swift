import Foundation
import Glibc

/// A datagram socket standing in for systemd's `NOTIFY_SOCKET`.
final class NotifySocket {
    let fd: Int32
    let path: String

    init(folder: URL) {
        let path = folder.appendingPathComponent("notify.sock").path, fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        self.path = path
        self.fd = fd
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }

    deinit { close(fd) }

    /// The notifications received so far.
    func received() -> [String] {
        var messages: [String] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        while true {
            let count = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            guard count > 0 else { return messages }
            messages.append(String(decoding: buffer[..<count], as: UTF8.self))
        }
    }
}
