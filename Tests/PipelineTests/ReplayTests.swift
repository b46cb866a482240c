import Foundation
import FrameSources
import Logging
import Pipeline
import PixelCore
import Testing
import TestSupport

@Suite("Replay of the bundled sample against its ground truth")
struct ReplayTests {
    let logger = Logger(label: "portsight.tests")

    func replay(_ spec: String, options: SourceOptions? = nil) throws -> (reports: [FrameReport], summary: ReplaySummary) {
        let pipeline = try MotionPipeline(settings: MotionSettings(), logger: logger)
        var sourceOptions = options ?? SourceOptions()
        if options == nil { sourceOptions.request = pipeline.frameRequest }
        let source = try openSource(spec, options: sourceOptions, logger: logger)
        var reports: [FrameReport] = []
        let summary = pipeline.run(source) { reports.append($0) }
        return (reports, summary)
    }

    @Test("moving objects are inside motion regions; still frames have none; the lighting step does not flood the frame")
    func matchesGroundTruth() throws {
        let truth = try GroundTruth.load(Fixtures.sampleTruth)
        let (reports, summary) = try replay(Fixtures.sampleClip)
        #expect(summary.frames == truth.frameCount && reports.count == truth.frameCount)
        #expect(summary.error == nil && summary.dropped == 0 && summary.corrupt == 0)
        var found = 0, missed = 0, stillFrames = 0, stillWithRegions = 0
        for (report, expected) in zip(reports, truth.frames) {
            #expect(report.frame == expected.frame)
            let visible = expected.boxes.filter { $0.visibleFraction > 0.3 }
            if expected.boxes.isEmpty {
                stillFrames += 1
                if !report.regions.isEmpty { stillWithRegions += 1 }
            }
            for object in visible {
                let center = (x: object.box.x + object.box.width / 2, y: object.box.y + object.box.height / 2)
                if report.regions.contains(where: { $0.contains(x: center.x, y: center.y) }) { found += 1 } else { missed += 1 }
            }
            for region in report.regions {
                #expect(region.area < truth.width * truth.height / 2, "frame \(report.frame): region \(region) floods the frame")
            }
        }
        let recall = Double(found) / Double(found + missed)
        #expect(recall >= 0.9, "recall \(recall): \(found) found, \(missed) missed")
        #expect(stillFrames > 60)
        #expect(Double(stillWithRegions) / Double(stillFrames) <= 0.02, "\(stillWithRegions) of \(stillFrames) still frames had regions")
    }

    @Test("two replays give the same regions frame by frame")
    func deterministic() throws {
        let first = try replay(Fixtures.sampleClip).reports
        let second = try replay(Fixtures.sampleClip).reports
        #expect(first.count == second.count)
        for (a, b) in zip(first, second) {
            #expect(a.frame == b.frame && a.mediaTime == b.mediaTime && a.regions == b.regions && a.motionFraction == b.motionFraction)
        }
    }

    @Test("a folder of JPEGs decoded small and grey finds the same moving objects as the video")
    func jpegFolderAgrees() throws {
        let folder = try Fixtures.temporaryFolder()
        let capture = try openSource(Fixtures.sampleClip, options: SourceOptions(), logger: logger)
        let codec = try CVBridgeCodec()
        var index = 0
        while let frame = try capture.next() {
            try codec.writeJPEG(frame.image, to: folder.appendingPathComponent(String(format: "f%04d.jpg", index)))
            index += 1
        }
        var options = SourceOptions()
        options.folderFPS = 25
        options.request = FrameRequest(format: .gray, workHeight: MotionSettings().workHeight)
        let (reports, summary) = try replay(folder.path, options: options)
        #expect(summary.frames == 300 && summary.workSize == [426, 240], "the same working image as the video")
        let truth = try GroundTruth.load(Fixtures.sampleTruth)
        var found = 0, total = 0
        for (report, expected) in zip(reports, truth.frames) {
            for object in expected.boxes where object.visibleFraction > 0.3 {
                total += 1
                let center = (x: object.box.x + object.box.width / 2, y: object.box.y + object.box.height / 2)
                if report.regions.contains(where: { $0.contains(x: center.x, y: center.y) }) { found += 1 }
            }
        }
        #expect(Double(found) / Double(total) >= 0.85, "\(found) of \(total)")
    }
}
