import PixelCore
import Testing

@Suite("Motion regions: scale, pad, clip, merge")
struct RegionMergerTests {
    let merger = RegionMerger(scaleX: 4, scaleY: 4, frameWidth: 1920, frameHeight: 1080, padding: 8, maximumRegions: 3)

    @Test("scales to frame pixels, pads and clips at the frame's edge")
    func scalesAndClips() {
        var regions: [Rect] = []
        merger.build(from: [Component(box: Rect(x: 0, y: 10, width: 5, height: 5), area: 20)], minimumArea: 1, into: &regions)
        #expect(regions == [Rect(x: 0, y: 32, width: 28, height: 36)])
    }

    @Test("drops small blobs and merges regions that touch after padding")
    func mergesTouching() {
        var regions: [Rect] = []
        let components = [
            Component(box: Rect(x: 10, y: 10, width: 4, height: 4), area: 16),
            Component(box: Rect(x: 17, y: 10, width: 4, height: 4), area: 16),  // 12 px apart at frame scale: padding joins them
            Component(box: Rect(x: 100, y: 100, width: 2, height: 2), area: 3),  // too small
        ]
        merger.build(from: components, minimumArea: 4, into: &regions)
        #expect(regions == [Rect(x: 32, y: 32, width: 60, height: 32)])
    }

    @Test("caps the number of regions by merging the closest")
    func capsCount() {
        var regions: [Rect] = []
        let components = (0..<6).map { Component(box: Rect(x: $0 * 40, y: 10, width: 2, height: 2), area: 4) }
        merger.build(from: components, minimumArea: 1, into: &regions)
        #expect(regions.count == 3)
        let covered = regions.reduce(0) { $0 + $1.area }
        #expect(covered > 0)
        for component in components {
            let box = component.box
            let center = (x: (box.x + 1) * 4, y: (box.y + 1) * 4)
            #expect(regions.contains { $0.x <= center.x && center.x < $0.maxX && $0.y <= center.y && center.y < $0.maxY })
        }
    }
}
