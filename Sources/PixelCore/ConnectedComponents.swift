/// One blob of changed pixels after dilation: its bounding box and how many pixels changed in it.
public struct Component: Sendable, Equatable {
    /// Bounding box of the dilated blob, in the mask's pixels, clipped to the mask.
    public var box: Rect
    /// Changed (non-zero) pixels in the blob, counted before dilation.
    public var area: Int

    /// Creates a component.
    public init(box: Rect, area: Int) {
        self.box = box
        self.area = area
    }
}

/// Dilation and 8-connected labelling in one step, on runs of set pixels instead of pixels.
///
/// A square dilation of radius r makes two set pixels part of one blob when they are at most
/// 2r + 1 apart in both x and y (their squares touch or overlap). So the mask is scanned once for
/// horizontal runs (skipping empty 8-byte words, which most of a motion mask is), and each run is
/// joined, with union-find, to the runs of the 2r + 1 rows above and its own row that come that
/// close. No dilated image and no label image are written: the work is proportional to the
/// runs, not the pixels. The boxes equal those of OpenCV's `dilate` (3x3, r times) followed by
/// `connectedComponentsWithStats` (8-connectivity); tests check that on real frames.
public struct ConnectedComponents: Sendable {
    // A struct: a mutating call gets exclusive access once, instead of a runtime check per array access in a class.
    /// Dilation radius in pixels (0: plain 8-connected labelling).
    public let radius: Int
    private var runStart: [Int32] = [], runEnd: [Int32] = [], runRow: [Int32] = []
    private var parent: [Int32] = []
    private var slots: [Int32] = []
    private var rowFirstRun: [Int32] = []
    private var minX: [Int32] = [], minY: [Int32] = [], maxX: [Int32] = [], maxY: [Int32] = [], areas: [Int32] = []
    /// The components found by the last `run`, ordered by their first run (top to bottom, left to right).
    public private(set) var components: [Component] = []

    /// Prepares for masks dilated by `radius`.
    public init(radius: Int) {
        precondition(radius >= 0)
        self.radius = radius
        for keyPath in [\ConnectedComponents.runStart, \.runEnd, \.runRow, \.parent, \.slots, \.minX, \.minY, \.maxX, \.maxY, \.areas] {
            self[keyPath: keyPath].reserveCapacity(4096)
        }
        rowFirstRun.reserveCapacity(4096)
        components.reserveCapacity(1024)
    }

    /// Finds the blobs of the non-zero pixels of `mask`; results in `components`.
    public mutating func run(_ mask: ImageView) {
        precondition(mask.channels == 1)
        runStart.removeAll(keepingCapacity: true)
        runEnd.removeAll(keepingCapacity: true)
        runRow.removeAll(keepingCapacity: true)
        parent.removeAll(keepingCapacity: true)
        rowFirstRun.removeAll(keepingCapacity: true)
        components.removeAll(keepingCapacity: true)
        let reach = Int32(2 * radius + 1)
        for y in 0..<mask.height {
            rowFirstRun.append(Int32(runStart.count))
            let first = runStart.count
            appendRuns(of: mask.row(y), width: mask.width, row: Int32(y))
            guard runStart.count > first else { continue }
            // Same row: runs whose gap is at most 2r are joined by the horizontal dilation.
            var i = first + 1
            while i < runStart.count {
                if runStart[i] - runEnd[i - 1] <= reach { union(i - 1, i) }
                i += 1
            }
            // Rows above, within 2r + 1: a two-pointer sweep over two sorted run lists.
            var above = max(0, y - Int(reach))
            while above < y {
                joinRows(Int(rowFirstRun[above]), Int(rowFirstRun[above + 1]), first, runStart.count, reach: reach)
                above += 1
            }
        }
        gather(width: mask.width, height: mask.height)
    }

    /// Appends the runs of non-zero bytes of one row, skipping empty rows 16 bytes at a time
    /// and zero 8-byte words inside the others.
    @inline(__always)
    private mutating func appendRuns(of row: UnsafePointer<UInt8>, width: Int, row y: Int32) {
        if Self.isEmpty(row, width) { return }
        var x = 0
        var start = -1
        let raw = UnsafeRawPointer(row)
        while x < width {
            if start < 0 && x + 8 <= width && raw.loadUnaligned(fromByteOffset: x, as: UInt64.self) == 0 {
                x += 8
                continue
            }
            let set = row[x] != 0
            if set && start < 0 {
                start = x
            } else if !set && start >= 0 {
                addRun(start, x - 1, y)
                start = -1
            }
            x += 1
        }
        if start >= 0 { addRun(start, width - 1, y) }
    }

    @inline(__always)
    private static func isEmpty(_ row: UnsafePointer<UInt8>, _ width: Int) -> Bool {
        let raw = UnsafeRawPointer(row)
        var any = SIMD16<UInt8>(repeating: 0)
        var x = 0
        while x + 16 <= width {
            any |= raw.loadUnaligned(fromByteOffset: x, as: SIMD16<UInt8>.self)
            x += 16
        }
        while x < width {
            any[0] |= row[x]
            x += 1
        }
        return any == SIMD16<UInt8>(repeating: 0)
    }

    @inline(__always)
    private mutating func addRun(_ start: Int, _ end: Int, _ row: Int32) {
        parent.append(Int32(runStart.count))
        runStart.append(Int32(start))
        runEnd.append(Int32(end))
        runRow.append(row)
    }

    /// Joins runs of an upper row [a, aEnd) to runs of the current row [b, bEnd) that lie within `reach` columns.
    @inline(__always)
    private mutating func joinRows(_ a: Int, _ aEnd: Int, _ b: Int, _ bEnd: Int, reach: Int32) {
        var i = a, j = b
        while i < aEnd && j < bEnd {
            if runStart[j] - runEnd[i] <= reach && runStart[i] - runEnd[j] <= reach { union(i, j) }
            // Advance whichever run ends first; the other may still meet the next one.
            if runEnd[i] < runEnd[j] { i += 1 } else { j += 1 }
        }
    }

    @inline(__always)
    private mutating func root(_ index: Int) -> Int {
        var i = index
        while Int(parent[i]) != i {
            parent[i] = parent[Int(parent[i])]
            i = Int(parent[i])
        }
        return i
    }

    @inline(__always)
    private mutating func union(_ a: Int, _ b: Int) {
        let ra = root(a), rb = root(b)
        if ra == rb { return }
        // The smaller index becomes the root, so roots precede their members.
        if ra < rb { parent[rb] = Int32(ra) } else { parent[ra] = Int32(rb) }
    }

    private mutating func gather(width: Int, height: Int) {
        let count = runStart.count
        guard count > 0 else { return }
        minX.removeAll(keepingCapacity: true)
        minY.removeAll(keepingCapacity: true)
        maxX.removeAll(keepingCapacity: true)
        maxY.removeAll(keepingCapacity: true)
        areas.removeAll(keepingCapacity: true)
        slots.removeAll(keepingCapacity: true)
        // Roots precede their members, so one forward sweep leaves every run pointing at its root.
        for i in 0..<count { parent[i] = parent[Int(parent[i])] }
        let r = Int32(radius), right = Int32(width - 1), bottom = Int32(height - 1)
        for i in 0..<count {
            let top = Int(parent[i])
            let x0 = max(0, runStart[i] - r), x1 = min(right, runEnd[i] + r)
            let y0 = max(0, runRow[i] - r), y1 = min(bottom, runRow[i] + r)
            let length = runEnd[i] - runStart[i] + 1
            if top == i {
                slots.append(Int32(minX.count))
                minX.append(x0)
                maxX.append(x1)
                minY.append(y0)
                maxY.append(y1)
                areas.append(length)
            } else {
                slots.append(slots[top])
                let slot = Int(slots[top])
                minX[slot] = min(minX[slot], x0)
                maxX[slot] = max(maxX[slot], x1)
                minY[slot] = min(minY[slot], y0)
                maxY[slot] = max(maxY[slot], y1)
                areas[slot] += length
            }
        }
        for slot in 0..<minX.count {
            components.append(Component(
                box: Rect(x: Int(minX[slot]), y: Int(minY[slot]),
                          width: Int(maxX[slot] - minX[slot]) + 1, height: Int(maxY[slot] - minY[slot]) + 1),
                area: Int(areas[slot])))
        }
    }
}
