import Foundation

/// The daemon's `SnapshotSource`: latest frames from memory, event snapshots from the files the
/// SQLite store writes beside its database (`<storeFolder>/snapshots/<camera>/<seq>.jpg`).
public struct StoreSnapshotFiles: SnapshotSource {
    /// The folder holding the database file (`SQLiteEventStore.folder`).
    public let storeFolder: URL
    /// The latest frame of each camera.
    public let latestFrames: LatestFrames

    /// Creates the source.
    public init(storeFolder: URL, latestFrames: LatestFrames) {
        self.storeFolder = storeFolder.standardizedFileURL
        self.latestFrames = latestFrames
    }

    /// `camera`'s latest annotated frame.
    public func latestJPEG(camera: String) -> Data? {
        latestFrames.jpeg(camera: camera)
    }

    /// Reads the snapshot file, after checking the path stays inside `<storeFolder>/snapshots`
    /// both by its parts and, once symbolic links are resolved, by where it really is.
    public func eventSnapshot(relativePath: String) throws(SnapshotPathError) -> Data? {
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        let safe = parts.count >= 2 && parts.first == "snapshots"
            && parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\0") && !$0.contains("\\") }
        guard safe else { throw .outsideSnapshotsFolder(path: relativePath) }
        let file = storeFolder.appendingPathComponent(relativePath)
        let root = storeFolder.appendingPathComponent("snapshots").resolvingSymlinksInPath().path + "/"
        // A link inside the folder could still point out of it.
        guard file.resolvingSymlinksInPath().path.hasPrefix(root) else {
            if FileManager.default.fileExists(atPath: file.path) { throw .outsideSnapshotsFolder(path: relativePath) }
            return nil
        }
        // Snapshots are tens of kilobytes: one blocking read is cheaper than a file-I/O thread pool.
        return try? Data(contentsOf: file)
    }
}
