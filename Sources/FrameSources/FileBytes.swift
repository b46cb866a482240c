import Foundation

/// Reads whole files into one reused byte buffer, so a folder of JPEGs costs no allocation per image.
final class FileBytes {
    private var storage: UnsafeMutableRawPointer
    private var capacity: Int

    init() {
        capacity = 1 << 20
        storage = .allocate(byteCount: capacity, alignment: 64)
    }

    deinit { storage.deallocate() }

    /// The file's bytes, valid until the next call.
    func read(_ path: String) throws(FileReadError) -> UnsafeRawBufferPointer {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileReadError(path: path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileReadError(path: path, errno: errno) }
        let size = Int(info.st_size)
        if size > capacity {
            storage.deallocate()
            capacity = max(size, capacity * 2)
            storage = .allocate(byteCount: capacity, alignment: 64)
        }
        var done = 0
        while done < size {
            let n = Foundation.read(fd, storage + done, size - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, errno: errno)
            }
            if n == 0 { break }
            done += n
        }
        return UnsafeRawBufferPointer(start: storage, count: done)
    }
}

/// A file that could not be read, with the system's reason.
struct FileReadError: Error, CustomStringConvertible {
    let path: String
    let errno: Int32
    var description: String { "\(path): \(String(cString: strerror(errno)))" }
}
