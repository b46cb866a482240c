import Foundation

/// Where the feed gets pictures: each camera's latest annotated frame, and events' snapshots.
public protocol SnapshotSource: Sendable {
    /// The latest annotated JPEG of `camera`, or nil when the camera is unknown or has no frame yet.
    func latestJPEG(camera: String) -> Data?

    /// The JPEG an event's `snapshot` path points to (relative to the store's folder, as
    /// `StoredEvent.snapshot` keeps it), or nil when there is no such file.
    ///
    /// Throws `SnapshotPathError` when the path would lead outside the snapshots folder.
    func eventSnapshot(relativePath: String) throws(SnapshotPathError) -> Data?
}

/// A snapshot path that the feed refuses to serve.
public enum SnapshotPathError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path is absolute, has `..`, `.` or empty parts, or does not start with `snapshots/`.
    case outsideSnapshotsFolder(path: String)

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .outsideSnapshotsFolder(let path):
            "snapshot path '\(path)' is not inside the store's snapshots folder; only snapshots/<camera>/<seq>.jpg paths are served"
        }
    }
}
