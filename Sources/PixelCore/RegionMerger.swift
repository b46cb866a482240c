/// Turns blobs in working-image pixels into padded, merged regions in full-frame pixels.
public struct RegionMerger: Sendable {
    /// Full-frame pixels per working pixel, horizontally.
    public let scaleX: Double
    /// Full-frame pixels per working pixel, vertically.
    public let scaleY: Double
    /// Full-frame size, for clipping.
    public let frameWidth: Int
    /// Full-frame size, for clipping.
    public let frameHeight: Int
    /// Padding in full-frame pixels.
    public let padding: Int
    /// The most regions reported.
    public let maximumRegions: Int

    /// Creates a merger for one camera geometry.
    public init(scaleX: Double, scaleY: Double, frameWidth: Int, frameHeight: Int, padding: Int, maximumRegions: Int) {
        self.scaleX = scaleX
        self.scaleY = scaleY
        self.frameWidth = frameWidth
        self.frameHeight = frameHeight
        self.padding = padding
        self.maximumRegions = maximumRegions
    }

    /// Replaces `regions` with the frame-space boxes of the components of at least `minimumArea`
    /// pixels, padded, with touching boxes merged until none touch.
    public func build(from components: [Component], minimumArea: Int, into regions: inout [Rect]) {
        regions.removeAll(keepingCapacity: true)
        // Index loops: a for-in over an array of structs allocates per element in unoptimised builds.
        for index in 0..<components.count where components[index].area >= minimumArea {
            let box = components[index].box
            let left = Int((Double(box.x) * scaleX).rounded(.down))
            let top = Int((Double(box.y) * scaleY).rounded(.down))
            let right = Int((Double(box.maxX) * scaleX).rounded(.up))
            let bottom = Int((Double(box.maxY) * scaleY).rounded(.up))
            regions.append(Rect(x: left, y: top, width: right - left, height: bottom - top)
                .padded(by: padding, within: frameWidth, frameHeight))
        }
        mergeTouching(&regions)
        while regions.count > maximumRegions { mergeCheapestPair(&regions) }
        sortTopToBottom(&regions)
    }

    /// A stable order for reports: top to bottom, then left to right. Insertion sort: a few dozen
    /// boxes at most, and unlike `sort` it needs no scratch buffer (no allocation per frame).
    private func sortTopToBottom(_ regions: inout [Rect]) {
        guard regions.count > 1 else { return }
        for i in 1..<regions.count {
            let item = regions[i]
            var j = i
            while j > 0 && (regions[j - 1].y > item.y || (regions[j - 1].y == item.y && regions[j - 1].x > item.x)) {
                regions[j] = regions[j - 1]
                j -= 1
            }
            regions[j] = item
        }
    }

    private func mergeTouching(_ regions: inout [Rect]) {
        var merged = true
        while merged {
            merged = false
            var i = 0
            while i < regions.count {
                var j = i + 1
                while j < regions.count {
                    if regions[i].touches(regions[j]) {
                        regions[i] = regions[i].union(regions[j])
                        regions.swapAt(j, regions.count - 1)
                        regions.removeLast()
                        merged = true
                    } else {
                        j += 1
                    }
                }
                i += 1
            }
        }
    }

    /// Merges the two regions whose union adds the least area.
    private func mergeCheapestPair(_ regions: inout [Rect]) {
        var best = (0, 1)
        var bestCost = Int.max
        for i in 0..<regions.count {
            for j in (i + 1)..<regions.count {
                let cost = regions[i].union(regions[j]).area - regions[i].area - regions[j].area
                if cost < bestCost {
                    bestCost = cost
                    best = (i, j)
                }
            }
        }
        regions[best.0] = regions[best.0].union(regions[best.1])
        regions.swapAt(best.1, regions.count - 1)
        regions.removeLast()
        mergeTouching(&regions)
    }
}
