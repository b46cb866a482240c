import Foundation
import Glibc

/// Tells systemd (Type=notify) that the daemon is ready, and pings its watchdog. Without
/// `NOTIFY_SOCKET` (not started by systemd) it does nothing.
struct SystemdNotifier: Sendable {
    private let path: String?

    /// The socket systemd named in `NOTIFY_SOCKET`, or `path` where given.
    init(path: String? = ProcessInfo.processInfo.environment["NOTIFY_SOCKET"]) {
        self.path = path
    }

    /// The watchdog interval systemd asked for (`WATCHDOG_USEC`), if any.
    static func watchdogInterval(environment: [String: String] = ProcessInfo.processInfo.environment) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let micros = Int64(text), micros > 0 else { return nil }
        return .microseconds(micros)
    }

    /// Sends one notification, e.g. `READY=1` or `WATCHDOG=1`; failures are ignored (systemd may be gone).
    func notify(_ state: String) {
        guard var path, !path.isEmpty else { return }
        if path.hasPrefix("@") { path = "\0" + path.dropFirst() }  // an abstract socket
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)
        _ = state.withCString { message in
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, message, strlen(message), 0, $0, length)
                }
            }
        }
    }
}
