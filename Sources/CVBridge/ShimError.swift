import CVShim

/// A failure reported by the OpenCV shim: what kind, and the shim's message.
public struct ShimError: Error, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Kind: Sendable, Equatable {
        /// A bad argument reached the shim (a bug on our side).
        case argument
        /// A file, URL or device could not be opened.
        case open
        /// Corrupt or unsupported data.
        case decode
        /// The destination buffer has the wrong size.
        case buffer
        /// OpenCV raised an exception.
        case openCV
        /// Out of memory.
        case memory
        /// Encoding failed.
        case encode
        /// Reading failed before the end.
        case read
        /// Anything else.
        case other(Int32)
    }

    /// The kind of failure.
    public let kind: Kind
    /// The shim's message for it.
    public let message: String

    /// Wraps a status and the calling thread's last shim message.
    init(status: cvs_status) {
        kind = switch status {
        case CVS_E_ARGUMENT: .argument
        case CVS_E_OPEN: .open
        case CVS_E_DECODE: .decode
        case CVS_E_BUFFER: .buffer
        case CVS_E_OPENCV: .openCV
        case CVS_E_MEMORY: .memory
        case CVS_E_ENCODE: .encode
        case CVS_E_READ: .read
        default: .other(status.rawValue)
        }
        message = String(cString: cvs_last_error())
    }

    public var description: String { message.isEmpty ? "OpenCV shim failed (\(kind))" : message }
}

/// Throws unless the shim call succeeded (or reached the end, for readers).
@inline(__always)
func check(_ status: cvs_status) throws(ShimError) {
    if status.rawValue < 0 { throw ShimError(status: status) }
}

/// OpenCV's version, e.g. "4.6.0".
public var openCVVersion: String { String(cString: cvs_opencv_version()) }

/// Sets OpenCV's worker thread count; 1 keeps small images on the calling thread.
public func setOpenCVThreads(_ count: Int) { cvs_set_num_threads(Int32(count)) }
