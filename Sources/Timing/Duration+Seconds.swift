extension Duration {
    /// The duration as a number of seconds.
    public var inSeconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }

    /// The duration as a number of milliseconds.
    public var inMilliseconds: Double { inSeconds * 1000 }
}
