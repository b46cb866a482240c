import GRDB

extension SQLiteEventStore {
    /// Maps GRDB's and the file system's errors to `EventStoreError`, naming the database file.
    static func storeError(_ error: any Error, path: String) -> EventStoreError {
        if let error = error as? EventStoreError { return error }
        guard let error = error as? DatabaseError else {
            return .database(path: path, detail: String(describing: error))
        }
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_FULL: return .diskFull(path: path)
        case .SQLITE_READONLY, .SQLITE_PERM: return .readOnly(path: path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt(path: path, detail: detail)
        case .SQLITE_CANTOPEN: return .cannotOpen(path: path, detail: detail)
        case .SQLITE_IOERR: return .io(path: path, detail: detail)
        default: return .database(path: path, detail: "\(error.resultCode): \(detail)")
        }
    }
}
