import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The snapshot folder beside the database: `snapshots/<camera>/<seq>.jpg`.
///
/// Plain POSIX calls, so that errors keep their errno (disk full, read-only) and files can be
/// flushed to the disk before the transaction that refers to them commits.
struct SnapshotFiles: Sendable {
    /// The folder holding the database file.
    let root: URL

    /// The path relative to `root` that the stored event keeps.
    static func relativePath(camera: String, seq: Int64) -> String {
        "snapshots/\(camera)/\(seq).jpg"
    }

    /// The path of the event's crop named `crop`, beside its snapshot.
    static func relativePath(camera: String, seq: Int64, crop: String) -> String {
        "snapshots/\(camera)/\(seq)-\(crop).jpg"
    }

    /// The path of the event's clip, beside its snapshot.
    static func clipPath(camera: String, seq: Int64) -> String {
        "snapshots/\(camera)/\(seq)-clip.mp4"
    }

    func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    /// Writes `bytes` to `relativePath`, creating the camera's folder; with `sync`, the file's
    /// content reaches the disk before this returns (its folder entry: see `syncFolders`).
    func write(_ bytes: Data, to relativePath: String, sync: Bool) throws(EventStoreError) {
        let file = url(relativePath)
        let folder = file.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw Self.error(errno: errno, path: folder.path, detail: "cannot create the snapshot folder")
        }
        let fd = open(file.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Self.error(errno: errno, path: file.path, detail: "cannot create the snapshot") }
        defer { close(fd) }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                #if canImport(Glibc)
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                let written = Darwin.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == 0, sync, fsync(fd) != 0 { failure = errno }
        if failure != 0 { throw Self.error(errno: failure, path: file.path, detail: "cannot write the snapshot") }
    }

    /// Removes files, ignoring those already gone; returns how many were removed.
    @discardableResult
    func remove(_ relativePaths: [String]) -> Int {
        relativePaths.reduce(0) { count, path in unlink(url(path).path) == 0 ? count + 1 : count }
    }

    /// Every snapshot file as (relative path, seq), for the orphan sweep on open.
    func allFiles() -> [SnapshotFile] {
        let snapshots = root.appendingPathComponent("snapshots")
        let manager = FileManager.default
        guard let cameras = try? manager.contentsOfDirectory(atPath: snapshots.path) else { return [] }
        var files: [SnapshotFile] = []
        for camera in cameras {
            guard let names = try? manager.contentsOfDirectory(atPath: snapshots.appendingPathComponent(camera).path) else { continue }
            for name in names where name.hasSuffix(".jpg") || name.hasSuffix(".mp4") {
                // `<seq>.jpg`, a crop's `<seq>-<name>.jpg`, or a clip's `<seq>-clip.mp4`.
                guard let seq = Int64(name.dropLast(4).prefix { $0 != "-" }) else { continue }
                files.append(SnapshotFile(relativePath: "snapshots/\(camera)/\(name)", seq: seq))
            }
        }
        return files
    }

    /// Flushes the folders holding `relativePaths`, once each. A new file's name lives in its
    /// folder: without this a power cut can lose the file even though its content was flushed.
    func syncFolders(of relativePaths: [String]) {
        let folders = Set(relativePaths.map { url($0).deletingLastPathComponent().path })
        for folder in folders {
            let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            _ = fsync(fd)
            close(fd)
        }
    }

    static func error(errno code: Int32, path: String, detail: String) -> EventStoreError {
        switch code {
        case ENOSPC, EDQUOT: return .diskFull(path: path)
        case EROFS, EACCES, EPERM: return .readOnly(path: path)
        default: return .io(path: path, detail: "\(detail): \(String(cString: strerror(code)))")
        }
    }
}

/// One file in the snapshot folder.
struct SnapshotFile: Sendable, Hashable {
    var relativePath: String
    var seq: Int64
}
