import PixelCore

/// Chooses where the detector looks in each frame, the way the best NVRs do: motion regions,
/// padded, merged and cut into detector-sized squares at native resolution, plus a round-robin
/// refresh of the whole frame in tiles, all under a cap on runs per second. Time is the footage's
/// time, so replays plan the same regions every run.
public struct RegionPlanner: Sendable {
    /// The settings in force.
    public let settings: RegionPlanSettings
    private var budget: RunBudget
    private var overviewBudget: RunBudget
    private var lastTime: Double?
    private var refreshQueue: [Rect] = []
    private var nextRefresh: Double?

    /// A planner; the first refresh starts with the first frame.
    public init(settings: RegionPlanSettings = RegionPlanSettings()) {
        self.settings = settings
        budget = RunBudget(rate: settings.maxRunsPerSecond)
        overviewBudget = RunBudget(rate: settings.maxRunsPerSecond <= 0 ? 0 : settings.maxRunsPerSecond * settings.overviewRate)
    }

    /// The regions to run the detector on for a frame of `width` x `height` at `time` seconds,
    /// given its motion regions (frame pixels). Overviews come first, on a budget of their own;
    /// then motion squares, largest area first; a refresh tile takes what budget is left. When
    /// the budget is spent, the frame gets no run.
    public mutating func plan(motion: [Rect], width: Int, height: Int, time: Double) -> [PlannedRegion] {
        refill(at: time)
        var planned: [PlannedRegion] = []
        let regions = budget.allows || overviewBudget.allows
            ? Self.motionRegions(motion, width: width, height: height, settings: settings) : []
        // Overviews have a budget of their own: a truck that fills a 1080p frame needs an overview
        // and four squares per look, and on the squares' budget alone it would be looked at less
        // than once a second, too seldom for the tracker to confirm it.
        if overviewBudget.allows {
            for region in regions where region.reason == .overview {
                overviewBudget.spend()
                planned.append(region)
            }
        }
        // All of a frame's motion squares run together (up to `maxRegionsPerFrame`), borrowing from
        // the budget: half a truck seen now and the other half later is worse than both halves now
        // and a pause after. The average rate stays within the cap.
        if budget.allows {
            for region in regions.lazy.filter({ $0.reason != .overview }).prefix(settings.maxRegionsPerFrame) {
                budget.spend()
                planned.append(region)
            }
        }
        if settings.refreshInterval > 0, budget.allows {
            if refreshQueue.isEmpty, time >= nextRefresh ?? time {
                let side = Int(Double(settings.inputSize) * settings.refreshShrink)
                refreshQueue = Self.tiles(width: width, height: height, side: side, overlap: settings.overlap).reversed()
                nextRefresh = time + settings.refreshInterval
            }
            if let tile = refreshQueue.popLast() {
                budget.spend()
                planned.append(PlannedRegion(rect: tile, reason: .refresh))
            }
        }
        return planned
    }

    mutating func refill(at time: Double) {
        if let lastTime {
            budget.refill(seconds: time - lastTime)
            overviewBudget.refill(seconds: time - lastTime)
        }
        lastTime = time
    }

    /// Motion regions padded, merged, and turned into squares of at least the detector's size;
    /// regions too large to shrink into one input are shown whole (`overview`) and cut into
    /// overlapping squares; then the fine squares (`fineTiles`).
    public static func motionRegions(_ motion: [Rect], width: Int, height: Int,
                                     settings: RegionPlanSettings) -> [PlannedRegion] {
        let size = settings.inputSize
        let largest = Int(Double(size) * settings.maxShrink)
        let fineSide = settings.fineTiles > 0 ? Int(Double(size) / settings.fineTiles) : Int.max
        var squares: [Rect] = [], fine: [Rect] = [], overviews: [Rect] = []
        for region in mergeTouching(motion.map { pad($0, settings.padding, width, height) }) {
            if max(region.width, region.height) > fineSide {
                fine += cut(region, side: fineSide, overlap: settings.overlap, width: width, height: height)
            }
            let side = max(size, region.width, region.height)
            if side <= largest {
                squares.append(square(around: region, side: side, width: width, height: height))
            } else {
                // No square holds an object as large as the region (a truck close to a 1080p
                // camera): the overview shows it whole, the squares show what is small in it.
                if settings.overview {
                    overviews.append(square(around: region, side: side, width: width, height: height))
                }
                squares += cut(region, side: largest, overlap: settings.overlap, width: width, height: height)
            }
        }
        // Overviews and fine squares are not merged: merged, they would be shrunk again or would
        // swallow the squares.
        let merged = mergeSquares(squares, largest: largest, width: width, height: height)
            .sorted { $0.area != $1.area ? $0.area > $1.area : ($0.y, $0.x) < ($1.y, $1.x) }
        return overviews.map { PlannedRegion(rect: $0, reason: .overview) }
            + (merged + fine).map { PlannedRegion(rect: $0, reason: .motion) }
    }

    /// `region` cut into overlapping squares of `side`, kept inside the frame.
    static func cut(_ region: Rect, side: Int, overlap: Double, width: Int, height: Int) -> [Rect] {
        tiles(width: region.width, height: region.height, side: side, overlap: overlap).map {
            square(around: Rect(x: $0.x + region.x, y: $0.y + region.y, width: $0.width, height: $0.height),
                   side: side, width: width, height: height)
        }
    }

    /// Overlapping squares that fit together in a square not much larger than either (and no
    /// larger than the largest allowed) become one: one detector run instead of two.
    static func mergeSquares(_ input: [Rect], largest: Int, width: Int, height: Int) -> [Rect] {
        var squares = input
        var merged = true
        while merged {
            merged = false
            search: for i in squares.indices {
                for j in squares.indices where j > i && squares[i].touches(squares[j]) {
                    let union = squares[i].union(squares[j])
                    let side = max(union.width, union.height)
                    let bigger = max(squares[i].width, squares[i].height, squares[j].width, squares[j].height)
                    if side <= largest, Double(side) <= Double(bigger) * 1.25 {
                        squares[i] = square(around: union, side: side, width: width, height: height)
                        squares.remove(at: j)
                        merged = true
                        break search
                    }
                }
            }
        }
        return squares
    }

    /// A `side` x `side` square centred on `region`, moved inside the frame (and cut to it when
    /// the frame is smaller).
    static func square(around region: Rect, side: Int, width: Int, height: Int) -> Rect {
        let w = min(side, width), h = min(side, height)
        let x = min(max(0, region.x + region.width / 2 - w / 2), width - w)
        let y = min(max(0, region.y + region.height / 2 - h / 2), height - h)
        return Rect(x: x, y: y, width: w, height: h)
    }

    /// Squares of `side` covering a `width` x `height` area, evenly spread, overlapping by at
    /// least `overlap` of their side.
    public static func tiles(width: Int, height: Int, side: Int, overlap: Double) -> [Rect] {
        func starts(_ length: Int) -> [Int] {
            guard length > side else { return [0] }
            let step = Double(side) * (1 - overlap)
            let count = Int((Double(length - side) / step).rounded(.up)) + 1
            return (0..<count).map { Int((Double($0) * Double(length - side) / Double(count - 1)).rounded()) }
        }
        let w = min(side, width), h = min(side, height)
        return starts(height).flatMap { y in starts(width).map { x in Rect(x: x, y: y, width: w, height: h) } }
    }

    static func pad(_ region: Rect, _ fraction: Double, _ width: Int, _ height: Int) -> Rect {
        let amount = max(16, Int(Double(max(region.width, region.height)) * fraction))
        return region.padded(by: amount, within: width, height)
    }

    static func mergeTouching(_ regions: [Rect]) -> [Rect] {
        var merged: [Rect] = []
        for region in regions {
            var current = region
            while let index = merged.firstIndex(where: { $0.touches(current) }) {
                current = current.union(merged.remove(at: index))
            }
            merged.append(current)
        }
        return merged
    }
}

extension RegionPlanner {
    /// A one-off search of a whole image: the whole image shrunk into one input (for large
    /// objects) and overlapping tiles of `inputSize * refreshShrink` (for small ones). Images no
    /// larger than a tile get one run.
    public static func imageSearch(width: Int, height: Int, settings: RegionPlanSettings) -> [PlannedRegion] {
        let whole = PlannedRegion(rect: Rect(x: 0, y: 0, width: width, height: height), reason: .wholeFrame)
        let side = Int(Double(settings.inputSize) * settings.refreshShrink)
        guard max(width, height) > side else { return [whole] }
        return [whole] + tiles(width: width, height: height, side: side, overlap: settings.overlap)
            .map { PlannedRegion(rect: $0, reason: .tile) }
    }
}

extension RegionPlanner {
    /// The whole frame as one region, when the budget allows: the simple way most tools work,
    /// kept for comparison.
    public mutating func planWholeFrame(width: Int, height: Int, time: Double) -> [PlannedRegion] {
        refill(at: time)
        guard budget.allows else { return [] }
        budget.spend()
        return [PlannedRegion(rect: Rect(x: 0, y: 0, width: width, height: height), reason: .wholeFrame)]
    }
}
