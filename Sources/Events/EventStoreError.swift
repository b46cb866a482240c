/// Why the event store failed, with the file concerned and what an operator should do.
public enum EventStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The disk holding `path` is full.
    case diskFull(path: String)
    /// `path` cannot be written: read-only file system, file or folder permissions.
    case readOnly(path: String)
    /// `path` is not a valid event database (damaged or another kind of file).
    case corrupt(path: String, detail: String)
    /// `path` cannot be opened or created (missing folder, permissions).
    case cannotOpen(path: String, detail: String)
    /// Reading or writing `path` failed at the operating system level.
    case io(path: String, detail: String)
    /// The event cannot be stored as given; the producer must change it.
    case invalidEvent(id: String, camera: String, reason: String)
    /// Any other failure of the database engine.
    case database(path: String, detail: String)

    /// The file or folder concerned, if any.
    public var path: String? {
        switch self {
        case .diskFull(let path), .readOnly(let path), .corrupt(let path, _), .cannotOpen(let path, _),
             .io(let path, _), .database(let path, _):
            return path
        case .invalidEvent:
            return nil
        }
    }

    /// What went wrong and what to do about it, in words for an operator.
    public var description: String {
        switch self {
        case .diskFull(let path):
            return "event store: the disk holding \(path) is full; free space on that disk or lower the event retention (max age or max size)"
        case .readOnly(let path):
            return "event store: cannot write \(path); make the file and its folder writable by the daemon's user and check that the file system is mounted read-write"
        case .corrupt(let path, let detail):
            return "event store: \(path) is not a valid event database (\(detail)); move it aside to keep it for inspection, and the daemon will start a new one"
        case .cannotOpen(let path, let detail):
            return "event store: cannot open \(path) (\(detail)); check that the folder exists and the daemon's user may create files in it"
        case .io(let path, let detail):
            return "event store: disk I/O error on \(path) (\(detail)); check the disk (dmesg, SMART) and free space"
        case .invalidEvent(let id, let camera, let reason):
            return "event store: cannot store event '\(id)' of camera '\(camera)': \(reason)"
        case .database(let path, let detail):
            return "event store: database error on \(path) (\(detail))"
        }
    }
}
