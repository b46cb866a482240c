import Foundation
import Synchronization

/// Each camera's latest annotated JPEG, kept in memory: pipelines replace it as they encode new
/// frames, the feed reads it for `/cameras/{id}/snapshot.jpg`.
public final class LatestFrames: Sendable {
    private let frames = Mutex<[String: Data]>([:])

    /// Creates an empty set.
    public init() {}

    /// Replaces `camera`'s latest frame.
    public func set(_ jpeg: Data, camera: String) {
        frames.withLock { $0[camera] = jpeg }
    }

    /// Forgets `camera`'s frame (the camera went away).
    public func remove(camera: String) {
        _ = frames.withLock { $0.removeValue(forKey: camera) }
    }

    /// `camera`'s latest frame, if any. `Data` is copy-on-write, so this copies no bytes.
    public func jpeg(camera: String) -> Data? {
        frames.withLock { $0[camera] }
    }
}
