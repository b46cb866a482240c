/// Where `/status`, `/readyz` and the status gauges of `/metrics` come from.
///
/// Implementations answer from memory, synchronously and without I/O, in well under a
/// millisecond: monitoring polls these routes and must see the pipelines, not a busy database.
public protocol FeedStatusSource: Sendable {
    /// The current figures.
    func statusSnapshot() -> StatusSnapshot
}
