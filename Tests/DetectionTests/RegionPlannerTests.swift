import Detection
import PixelCore
import Testing

@Suite struct RegionPlannerTests {
    let settings: RegionPlanSettings = {
        var s = RegionPlanSettings()
        s.refreshInterval = 0
        s.maxRunsPerSecond = 0
        return s
    }()

    @Test func smallMotionBecomesOneNativeSquareAroundIt() {
        let car = Rect(x: 900, y: 500, width: 40, height: 24)
        let squares = RegionPlanner.motionRegions([car], width: 1920, height: 1080, settings: settings).map(\.rect)
        #expect(squares.count == 1)
        let square = squares[0]
        #expect(square.width == 416 && square.height == 416)
        #expect(car.fractionInside(square) == 1)
    }

    @Test func squaresStayInsideTheFrame() {
        let corner = Rect(x: 1900, y: 1060, width: 20, height: 20)
        let square = RegionPlanner.motionRegions([corner], width: 1920, height: 1080, settings: settings).map(\.rect)[0]
        #expect(square.x >= 0 && square.y >= 0 && square.maxX <= 1920 && square.maxY <= 1080)
        #expect(corner.fractionInside(square) == 1)
    }

    @Test func nearbyRegionsShareOneRun() {
        let a = Rect(x: 100, y: 100, width: 60, height: 40), b = Rect(x: 200, y: 120, width: 60, height: 40)
        let squares = RegionPlanner.motionRegions([a, b], width: 1280, height: 720, settings: settings).map(\.rect)
        #expect(squares.count == 1)
        #expect(a.fractionInside(squares[0]) == 1 && b.fractionInside(squares[0]) == 1)
    }

    @Test("with fine tiles, a large moving area is also searched in native squares, after its own, unmerged")
    func fineTilesCoverLargeRegionsAtNativeSize() {
        let highway = Rect(x: 0, y: 300, width: 1200, height: 300)
        let plain = RegionPlanner.motionRegions([highway], width: 1920, height: 1080, settings: settings).map(\.rect)
        var fine = settings
        fine.fineTiles = 1
        let squares = RegionPlanner.motionRegions([highway], width: 1920, height: 1080, settings: fine).map(\.rect)
        #expect(Array(squares.prefix(plain.count)) == plain)
        let added = squares.dropFirst(plain.count)
        #expect(added.count >= 4 && added.allSatisfy { $0.width == 416 && $0.height == 416 })
        // Together they cover the whole padded area: every point of it is in a fine square.
        for x in stride(from: 0, to: 1200, by: 50) {
            for y in stride(from: 300, to: 600, by: 50) {
                #expect(added.contains { $0.x <= x && x < $0.maxX && $0.y <= y && y < $0.maxY }, "\(x),\(y)")
            }
        }
        // A region no larger than a fine square gets none.
        let car = Rect(x: 900, y: 500, width: 40, height: 24)
        #expect(RegionPlanner.motionRegions([car], width: 1920, height: 1080, settings: fine).count == 1)
    }

    @Test func farApartRegionsGetTheirOwnRuns() {
        let a = Rect(x: 50, y: 50, width: 40, height: 40), b = Rect(x: 1700, y: 900, width: 40, height: 40)
        let squares = RegionPlanner.motionRegions([a, b], width: 1920, height: 1080, settings: settings).map(\.rect)
        #expect(squares.count == 2)
    }

    @Test func hugeRegionIsCutIntoOverlappingSquaresNoLargerThanTheShrinkAllows() {
        let everything = Rect(x: 0, y: 0, width: 1920, height: 1080)
        let squares = RegionPlanner.motionRegions([everything], width: 1920, height: 1080, settings: settings)
            .filter { $0.reason == .motion }.map(\.rect)
        #expect(squares.count > 1)
        for square in squares { #expect(Double(max(square.width, square.height)) <= Double(settings.inputSize) * settings.maxShrink) }
        // Every pixel row and column of the frame is covered.
        for x in stride(from: 0, to: 1920, by: 37) {
            for y in stride(from: 0, to: 1080, by: 41) {
                #expect(squares.contains { $0.x <= x && x < $0.maxX && $0.y <= y && y < $0.maxY })
            }
        }
    }

    @Test("a region too large for one square is also searched whole, first, as an overview")
    func largeRegionGetsAnOverviewFirst() {
        let truck = Rect(x: 200, y: 560, width: 1300, height: 450)
        let regions = RegionPlanner.motionRegions([truck], width: 1920, height: 1080, settings: settings)
        #expect(regions.first?.reason == .overview)
        #expect(regions.filter { $0.reason == .overview }.count == 1)
        if let overview = regions.first { #expect(truck.fractionInside(overview.rect) == 1) }
        #expect(regions.dropFirst().allSatisfy {
            $0.reason == .motion && Double(max($0.rect.width, $0.rect.height)) <= Double(settings.inputSize) * settings.maxShrink
        })
        var off = settings
        off.overview = false
        #expect(RegionPlanner.motionRegions([truck], width: 1920, height: 1080, settings: off).allSatisfy { $0.reason == .motion })
        // A region that fits one square gets none.
        let car = Rect(x: 900, y: 500, width: 300, height: 120)
        #expect(RegionPlanner.motionRegions([car], width: 1920, height: 1080, settings: settings).map(\.reason) == [.motion])
    }

    @Test func tilesCoverAndOverlap() {
        let tiles = RegionPlanner.tiles(width: 1920, height: 1080, side: 832, overlap: 0.2)
        #expect(tiles.count == 6)
        #expect(tiles.first == Rect(x: 0, y: 0, width: 832, height: 832))
        #expect(tiles.last?.maxX == 1920 && tiles.last?.maxY == 1080)
        let sorted = tiles.filter { $0.y == 0 }
        for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(a.maxX - b.x >= Int(832 * 0.2)) }
    }

    @Test func rateCapLimitsRunsPerSecondOfFootage() {
        var s = settings
        s.maxRunsPerSecond = 2
        var planner = RegionPlanner(settings: s)
        var runs = 0
        for frame in 0..<250 {  // 10 s at 25 fps, motion on every frame
            runs += planner.plan(motion: [Rect(x: 100, y: 100, width: 50, height: 50)], width: 1280, height: 720,
                                 time: Double(frame) / 25).count
        }
        #expect(runs >= 19 && runs <= 22)
    }

    @Test func aBigRegionRunsWholeOnOneFrameThenPays() {
        var s = settings
        s.maxRunsPerSecond = 2
        s.overviewRate = 1
        var planner = RegionPlanner(settings: s)
        let truck = Rect(x: 0, y: 390, width: 960, height: 320)  // wider than one 624 px square
        let first = planner.plan(motion: [truck], width: 1280, height: 720, time: 0)
        #expect(first.map(\.reason) == [.overview, .motion, .motion])
        let squares = first.filter { $0.reason == .motion }
        #expect(squares.reduce(squares[0].rect) { $0.union($1.rect) }.width >= 960)
        // The squares' debt is paid before their next run: none for the next half second. The
        // overview has a budget of its own, at the same rate.
        let next = planner.plan(motion: [truck], width: 1280, height: 720, time: 0.25)
        #expect(next.map(\.reason) == [.overview])
        #expect(planner.plan(motion: [truck], width: 1280, height: 720, time: 0.4).isEmpty)
        #expect(planner.plan(motion: [truck], width: 1280, height: 720, time: 1.1).contains { $0.reason == .motion })
    }

    @Test("overviews keep to their own cap, half the squares' by default")
    func overviewsHaveTheirOwnCap() {
        var s = settings
        s.maxRunsPerSecond = 4
        var planner = RegionPlanner(settings: s)
        var overviews = 0, squares = 0
        for frame in 0..<250 {  // 10 s at 25 fps, a truck-sized region moving on every frame
            let regions = planner.plan(motion: [Rect(x: 200 + frame, y: 560, width: 1300, height: 450)], width: 1920,
                                       height: 1080, time: Double(frame) / 25)
            overviews += regions.filter { $0.reason == .overview }.count
            squares += regions.filter { $0.reason == .motion }.count
        }
        #expect(overviews >= 19 && overviews <= 23, "\(overviews) overviews")
        #expect(squares >= 39 && squares <= 48, "\(squares) squares")
    }

    @Test func refreshWalksEveryTileThenWaits() {
        var s = settings
        s.refreshInterval = 5
        s.maxRunsPerSecond = 0
        var planner = RegionPlanner(settings: s)
        var refreshed: [Rect] = []
        for frame in 0..<100 {  // 4 s, no motion
            refreshed += planner.plan(motion: [], width: 1920, height: 1080, time: Double(frame) / 25)
                .filter { $0.reason == .refresh }.map(\.rect)
        }
        let tiles = RegionPlanner.tiles(width: 1920, height: 1080, side: 832, overlap: 0.2)
        #expect(refreshed == tiles)  // each tile once, then nothing until the interval has passed
        var later: [PlannedRegion] = []
        for frame in 125..<130 { later += planner.plan(motion: [], width: 1920, height: 1080, time: Double(frame) / 25) }
        #expect(later.first?.rect == tiles.first)
    }

    @Test func motionComesBeforeRefreshUnderTheCap() {
        var s = settings
        s.refreshInterval = 1
        s.maxRunsPerSecond = 1
        var planner = RegionPlanner(settings: s)
        let planned = planner.plan(motion: [Rect(x: 10, y: 10, width: 30, height: 30)], width: 1280, height: 720, time: 0)
        #expect(planned.map(\.reason) == [.motion])
    }

    @Test func imageSearchIsWholePlusTiles() {
        let plan = RegionPlanner.imageSearch(width: 1280, height: 720, settings: RegionPlanSettings())
        #expect(plan.first?.reason == .wholeFrame)
        #expect(plan.dropFirst().allSatisfy { $0.reason == .tile && $0.rect.width == 832 && $0.rect.height == 720 })
        #expect(RegionPlanner.imageSearch(width: 640, height: 480, settings: RegionPlanSettings()).count == 1)
    }
}
