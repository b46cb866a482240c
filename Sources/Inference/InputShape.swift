/// The shape of a network's single NCHW float input.
public struct InputShape: Hashable, Sendable, CustomStringConvertible {
    /// Batch, channels, height and width.
    public var n, c, h, w: Int

    /// A shape of `n` images of `c` channels, `h` x `w`.
    public init(n: Int = 1, c: Int, h: Int, w: Int) {
        self.n = n
        self.c = c
        self.h = h
        self.w = w
    }

    /// The number of values.
    public var count: Int { n * c * h * w }

    public var description: String { "\(n)x\(c)x\(h)x\(w)" }
}
