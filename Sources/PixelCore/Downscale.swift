/// The fused first step of the hot path: colour (or grey) frame to a smaller grey image, in one
/// read of the source.
///
/// Each output pixel is the area average of a `factor` x `factor` block, weighted into grey with
/// the ITU-R BT.601 coefficients OpenCV uses (0.299 R + 0.587 G + 0.114 B). Averaging before the
/// weighting is exact (both are linear) and lets one pass sum raw bytes: `factor` source rows are
/// added into a small row of 16-bit sums that stays in L1, then each block is weighted once.
public final class Downscaler {
    /// The whole shrink factor.
    public let factor: Int
    /// Output size.
    public let outputWidth: Int
    /// Output size.
    public let outputHeight: Int
    private let inputChannels: Int
    private let sums: UnsafeMutablePointer<UInt16>
    private let sumCount: Int
    // Weights with the 1 / factor² of the average folded in, in 2^-shift units.
    private let weightB: UInt32, weightG: UInt32, weightR: UInt32
    // Grey input in video range: subtracted after the weighting, which also stretches by 255 / 219.
    private let greyOffset: Int32
    private static let shift: UInt32 = 22

    /// Prepares for inputs of the given size; `factor` >= 1 and at most 16. Grey input in
    /// `.video` range (16-235) comes out stretched to 0-255.
    public init(inputWidth: Int, inputHeight: Int, channels: Int, factor: Int, inputRange: LumaRange = .full) {
        precondition(factor >= 1 && factor <= 16 && (channels == 1 || channels == 3))
        self.factor = factor
        self.inputChannels = channels
        outputWidth = max(1, inputWidth / factor)
        outputHeight = max(1, inputHeight / factor)
        sumCount = outputWidth * factor * channels
        sums = .allocate(capacity: sumCount + 64)
        sums.initialize(repeating: 0, count: sumCount + 64)
        let scale = Double(1 << Self.shift) / Double(factor * factor)
        if channels == 3 {
            weightB = UInt32((0.114 * scale).rounded())
            weightG = UInt32((0.587 * scale).rounded())
            weightR = UInt32((0.299 * scale).rounded())
        } else {
            let stretch = inputRange == .video ? 255.0 / 219.0 : 1
            weightB = UInt32((scale * stretch).rounded())
            weightG = 0
            weightR = 0
        }
        greyOffset = channels == 1 && inputRange == .video ? Int32((16 * 255.0 / 219.0 * Double(1 << Self.shift)).rounded()) : 0
    }

    deinit { sums.deallocate() }

    /// Writes the grey, downscaled image of `input` into `output` (reshaped to the output size).
    /// Returns the sum of the output pixels, for the brightness compensation that follows.
    @discardableResult
    public func run(_ input: ImageView, into output: PixelBuffer) -> Int {
        precondition(input.channels == inputChannels, "downscaler built for \(inputChannels) channels")
        precondition(input.width / factor >= outputWidth && input.height / factor >= outputHeight)
        output.reshape(width: outputWidth, height: outputHeight, channels: 1)
        // Whole-factor cases get their own copies with the block width known at compile time.
        switch (inputChannels, factor) {
        case (3, 2): return run(input, output, Block<Colour, Two>.self)
        case (3, 3): return run(input, output, Block<Colour, Three>.self)
        case (3, 4): return runColourByFour(input, output)
        case (1, 1): return run(input, output, Block<Grey, One>.self)
        case (1, 2): return run(input, output, Block<Grey, Two>.self)
        case (1, 4): return run(input, output, Block<Grey, Four>.self)
        default: return run(input, output, AnyBlock.self)
        }
    }

    // Generic over the block shape so the compiler emits a copy per shape with the loops unrolled.
    private func run<Shape: BlockShape>(_ input: ImageView, _ output: PixelBuffer, _ shape: Shape.Type) -> Int {
        let channels = Shape.channels ?? inputChannels
        let f = Shape.factor ?? factor
        let out = output.data.assumingMemoryBound(to: UInt8.self)
        let count = outputWidth * f * channels
        let sums = self.sums
        let half: UInt32 = 1 << (Self.shift - 1)
        let wB = weightB, wG = weightG, wR = weightR
        let offset = greyOffset
        var total = 0
        for oy in 0..<outputHeight {
            accumulateRows(input, firstRow: oy * f, rows: f, count: count, into: sums)
            let target = out + oy * output.stride
            var rowTotal: UInt32 = 0
            var p = sums
            for ox in 0..<outputWidth {
                let value: UInt32
                if channels == 3 {
                    // At most 16 x 16 x 255 per sum: 16 bits hold it.
                    var b: UInt16 = 0, g: UInt16 = 0, r: UInt16 = 0
                    for k in 0..<f {
                        b &+= p[3 &* k]
                        g &+= p[3 &* k &+ 1]
                        r &+= p[3 &* k &+ 2]
                    }
                    value = (UInt32(b) &* wB &+ UInt32(g) &* wG &+ UInt32(r) &* wR &+ half) >> Self.shift
                } else {
                    var sum: UInt16 = 0
                    for k in 0..<f { sum &+= p[k] }
                    // At most 255 x 2^22 x 255/219 before the offset: Int32 holds it.
                    let scaled = Int32(truncatingIfNeeded: UInt32(sum) &* wB) &- offset &+ Int32(half)
                    value = UInt32(max(0, scaled)) >> Self.shift
                }
                let pixel = min(value, 255)
                target[ox] = UInt8(truncatingIfNeeded: pixel)
                rowTotal &+= pixel
                p += f &* channels
            }
            total &+= Int(rowTotal)
        }
        return total
    }

    /// 1080p → 270 and the like: BGR shrunk by 4, the common case, weighted two output pixels at
    /// a time with 16-bit multiply-adds (SSE2 `pmaddwd`) instead of one scalar sum per channel.
    private func runColourByFour(_ input: ImageView, _ output: PixelBuffer) -> Int {
        // 12 sums (4 pixels x BGR) per output pixel; the weight pattern repeats every 24 values.
        let shift: Int32 = 19  // the largest weight, 0.587 x 2^19 / 16, still fits Int16
        let scale = Double(1 << shift) / 16
        let b = Int16((0.114 * scale).rounded()), g = Int16((0.587 * scale).rounded()), r = Int16((0.299 * scale).rounded())
        let pattern0 = SIMD8<Int16>(b, g, r, b, g, r, b, g)
        let pattern1 = SIMD8<Int16>(r, b, g, r, b, g, r, b)
        let pattern2 = SIMD8<Int16>(g, r, b, g, r, b, g, r)
        let half = Int32(1) << (shift - 1)
        let out = output.data.assumingMemoryBound(to: UInt8.self)
        let count = outputWidth &* 12
        let sums = UnsafeRawPointer(self.sums)
        var total = 0
        for oy in 0..<outputHeight {
            accumulateRows(input, firstRow: oy &* 4, rows: 4, count: count, into: self.sums)
            let target = out + oy &* output.stride
            var rowTotal: Int32 = 0
            var ox = 0
            while ox &+ 2 <= outputWidth {
                let offset = ox &* 24
                let m0 = Self.multiplyAddPairs(sums.loadUnaligned(fromByteOffset: offset, as: SIMD8<Int16>.self), pattern0)
                let m1 = Self.multiplyAddPairs(sums.loadUnaligned(fromByteOffset: offset &+ 16, as: SIMD8<Int16>.self), pattern1)
                let m2 = Self.multiplyAddPairs(sums.loadUnaligned(fromByteOffset: offset &+ 32, as: SIMD8<Int16>.self), pattern2)
                let first = (m0 &+ SIMD4(m1[0], m1[1], 0, 0)).wrappedSum()
                let second = (m2 &+ SIMD4(m1[2], m1[3], 0, 0)).wrappedSum()
                let pixel0 = min((first &+ half) >> shift, 255), pixel1 = min((second &+ half) >> shift, 255)
                target[ox] = UInt8(truncatingIfNeeded: pixel0)
                target[ox &+ 1] = UInt8(truncatingIfNeeded: pixel1)
                rowTotal &+= pixel0 &+ pixel1
                ox &+= 2
            }
            if ox < outputWidth {
                // An odd width leaves one pixel: weigh its 12 sums one by one.
                let p = self.sums + ox &* 12
                var sum: Int32 = 0
                for k in 0..<12 { sum &+= Int32(p[k]) &* Int32([b, g, r][k % 3]) }
                let pixel = min((sum &+ half) >> shift, 255)
                target[ox] = UInt8(truncatingIfNeeded: pixel)
                rowTotal &+= pixel
            }
            total &+= Int(rowTotal)
        }
        return total
    }

    /// Multiplies lane by lane and adds neighbouring pairs: the shape LLVM lowers to `pmaddwd`.
    @inline(__always)
    private static func multiplyAddPairs(_ a: SIMD8<Int16>, _ b: SIMD8<Int16>) -> SIMD4<Int32> {
        let products = SIMD8<Int32>(truncatingIfNeeded: a) &* SIMD8<Int32>(truncatingIfNeeded: b)
        return products.evenHalf &+ products.oddHalf
    }

    /// Sums `rows` rows byte by byte into `sums`, 16 bytes of each row per step, adding in
    /// registers and storing once (the rows are read once; the sums are written once).
    @inline(__always)
    private func accumulateRows(_ input: ImageView, firstRow: Int, rows: Int, count: Int, into sums: UnsafeMutablePointer<UInt16>) {
        let vectors = count / 16
        let raw = UnsafeMutableRawPointer(sums)
        let base = UnsafeRawPointer(input.row(firstRow))
        let stride = input.stride
        // Wrapping arithmetic for offsets: they cannot overflow, and the checks cost more than the adds.
        for v in 0..<vectors {
            var lo = SIMD8<UInt16>(repeating: 0), hi = SIMD8<UInt16>(repeating: 0)
            let column = v &* 16
            for r in 0..<rows {
                let bytes = base.loadUnaligned(fromByteOffset: r &* stride &+ column, as: SIMD16<UInt8>.self)
                lo &+= SIMD8<UInt16>(truncatingIfNeeded: bytes.lowHalf)
                hi &+= SIMD8<UInt16>(truncatingIfNeeded: bytes.highHalf)
            }
            raw.storeBytes(of: lo, toByteOffset: column &* 2, as: SIMD8<UInt16>.self)
            raw.storeBytes(of: hi, toByteOffset: column &* 2 &+ 16, as: SIMD8<UInt16>.self)
        }
        for i in (vectors * 16)..<count {
            var sum: UInt16 = 0
            for r in 0..<rows { sum &+= UInt16(input.row(firstRow + r)[i]) }
            sums[i] = sum
        }
    }
}

/// A block shape known at compile time: channels per pixel and shrink factor (nil: use the instance's).
protocol BlockShape {
    static var channels: Int? { get }
    static var factor: Int? { get }
}

protocol ChannelCount { static var value: Int { get } }
protocol FactorValue { static var value: Int { get } }
enum Colour: ChannelCount { static var value: Int { 3 } }
enum Grey: ChannelCount { static var value: Int { 1 } }
enum One: FactorValue { static var value: Int { 1 } }
enum Two: FactorValue { static var value: Int { 2 } }
enum Three: FactorValue { static var value: Int { 3 } }
enum Four: FactorValue { static var value: Int { 4 } }

enum Block<C: ChannelCount, F: FactorValue>: BlockShape {
    static var channels: Int? { C.value }
    static var factor: Int? { F.value }
}

enum AnyBlock: BlockShape {
    static var channels: Int? { nil }
    static var factor: Int? { nil }
}
