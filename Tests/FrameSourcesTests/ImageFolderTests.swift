import Foundation
import FrameSources
import Testing
import TestSupport

@Suite("Image folders and single images")
struct ImageFolderTests {
    @Test("images come in name order; other files are ignored and counted; a corrupt JPEG is skipped and counted")
    func mixedFolder() throws {
        let folder = try Fixtures.temporaryFolder()
        let names = try writeSampleJPEGs(count: 6, to: folder, every: 30)
        try Data("notes".utf8).write(to: folder.appendingPathComponent("README.txt"))
        try Data("{}".utf8).write(to: folder.appendingPathComponent("labels.json"))
        let good = try Data(contentsOf: folder.appendingPathComponent(names[2]))
        try good.prefix(good.count / 3).write(to: folder.appendingPathComponent(names[2]))  // cut short
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]).write(to: folder.appendingPathComponent("frame_0002b.jpg"))  // garbage
        var options = SourceOptions()
        options.folderFPS = 5
        let source = try openSource(folder.path, options: options, logger: testLogger)
        let frames = try drain(source)
        #expect(frames.map(\.index) == [0, 1, 4, 5, 6], "indices keep their place in the folder")
        #expect(frames.map(\.mediaTime) == [0, 0.2, 0.8, 1.0, 1.2])
        #expect(source.counters.corrupt == 2)
        #expect(source.counters.ignoredFiles == 2)
        #expect(source.counters.frames == 5)
    }

    @Test("grey frames at the smallest JPEG scale that keeps the working height, sized from the full frame")
    func scaledGreyDecode() throws {
        let folder = try Fixtures.temporaryFolder()
        _ = try writeSampleJPEGs(count: 2, to: folder)
        var options = SourceOptions()
        options.request = FrameRequest(format: .gray, workHeight: 180)
        let source = try openSource(folder.path, options: options, logger: testLogger)
        let frame = try #require(try source.next())
        #expect(frame.image.channels == 1)
        #expect(frame.image.width == 320 && frame.image.height == 180, "720p shrinks by 4: decoded at 1/4")
        #expect(frame.info.frameWidth == 1280 && frame.info.frameHeight == 720)
    }

    @Test("a folder without images is an error that counts what it ignored")
    func noImages() throws {
        let folder = try Fixtures.temporaryFolder()
        try Data("x".utf8).write(to: folder.appendingPathComponent("a.txt"))
        let error = #expect(throws: FrameSourceError.self) { _ = try openSource(folder.path, options: SourceOptions(), logger: testLogger) }
        #expect(error == .noImages(folder.path, ignored: 1))
    }

    @Test("a single corrupt image is an error naming the file")
    func corruptSingleImage() throws {
        let path = try Fixtures.temporaryFolder().appendingPathComponent("broken.jpg").path
        try Data([0xFF, 0xD8, 0xFF, 0xDB, 0, 0x43, 0]).write(to: URL(fileURLWithPath: path))
        let source = try openSource(path, options: SourceOptions(), logger: testLogger)
        let error = #expect(throws: FrameSourceError.self) { _ = try source.next() }
        guard case let .corruptImage(name, _)? = error else {
            Issue.record("expected corruptImage, got \(String(describing: error))")
            return
        }
        #expect(name == path)
    }

    @Test("a single image is one frame")
    func singleImage() throws {
        let folder = try Fixtures.temporaryFolder()
        let names = try writeSampleJPEGs(count: 1, to: folder)
        let source = try openSource(folder.appendingPathComponent(names[0]).path, options: SourceOptions(), logger: testLogger)
        #expect(try drain(source).count == 1)
    }

    @Test("an image above the size limit is refused from its header, with its size and the limit in the error")
    func hugeImage() throws {
        let folder = try Fixtures.temporaryFolder()
        let names = try writeSampleJPEGs(count: 1, to: folder)
        // A real JPEG whose frame header says 20000x20000: the header alone must refuse it.
        var bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(names[0])))
        let sof = try #require(bytes.indices.dropLast().first { bytes[$0] == 0xFF && (bytes[$0 + 1] == 0xC0 || bytes[$0 + 1] == 0xC2) })
        for offset in [5, 7] {  // height, then width, big-endian, after the marker, length and precision
            bytes[sof + offset] = UInt8(20000 >> 8)
            bytes[sof + offset + 1] = UInt8(20000 & 0xFF)
        }
        let path = folder.appendingPathComponent("huge.jpg").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let source = try openSource(path, options: SourceOptions(), logger: testLogger)
        let error = #expect(throws: FrameSourceError.self) { _ = try source.next() }
        guard case let .corruptImage(name, reason)? = error else {
            Issue.record("expected corruptImage, got \(String(describing: error))")
            return
        }
        #expect(name == path)
        #expect(reason.contains("20000x20000") && reason.contains("400 megapixels") && reason.contains("up to 100 megapixels"))
    }
}
