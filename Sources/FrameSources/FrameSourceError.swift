/// Why a source cannot deliver frames. Each case names the path or URL and says what to check.
public enum FrameSourceError: Error, Equatable, CustomStringConvertible {
    /// Nothing exists at the path.
    case notFound(String)
    /// The file, stream or device exists (or was tried) but cannot be opened.
    case cannotOpen(String, reason: String)
    /// A single image could not be decoded.
    case corruptImage(String, reason: String)
    /// A folder holds no readable images.
    case noImages(String, ignored: Int)
    /// A stream or device stopped delivering frames.
    case disconnected(String, reason: String)
    /// Reading failed in a way the source cannot skip.
    case readFailed(String, reason: String)

    public var description: String {
        switch self {
        case let .notFound(path):
            "no such file or folder: \(path)"
        case let .cannotOpen(source, reason):
            "cannot open \(source): \(reason)"
        case let .corruptImage(path, reason):
            "cannot decode image \(path): \(reason)"
        case let .noImages(path, ignored):
            "no images (.jpg, .jpeg, .png) in folder \(path)" + (ignored > 0 ? " (\(ignored) other files ignored)" : "")
        case let .disconnected(source, reason):
            "\(source) stopped sending frames: \(reason)"
        case let .readFailed(source, reason):
            "reading \(source) failed: \(reason)"
        }
    }
}
