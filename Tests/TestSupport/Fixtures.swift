import Foundation

/// Where the tests find their footage.
public enum Fixtures {
    /// The repository's root (found from this file's path).
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// The bundled sample clip, rendered by scripts/render/render-sample.
    public static var sampleClip: String { root.appendingPathComponent("samples/gate.mp4").path }
    /// Its ground truth.
    public static var sampleTruth: String { root.appendingPathComponent("samples/gate.json").path }

    /// A rendered truck-visit clip (`stop30`, `reverse`) that `scripts/render/render-visit-clips`
    /// writes (scripts/test runs it), or nil when it has not been rendered.
    public static func visitClip(_ name: String) -> String? {
        let path = root.appendingPathComponent(".build/test-clips/\(name).mp4").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// ../shared/realdata beside the repository: real photos and clips that may not be redistributed.
    public static let realData: URL = root.deletingLastPathComponent().appendingPathComponent("shared/realdata")

    /// True when the real data folder is there; tests that need it are skipped otherwise.
    public static var hasRealData: Bool {
        FileManager.default.fileExists(atPath: realData.appendingPathComponent("videos").path)
    }

    /// Real clips, if present.
    public static var realVideos: [String] {
        ["CS_highway.mp4", "RK_highway.mp4", "AJ_cars.mp4"]
            .map { realData.appendingPathComponent("videos/\($0)").path }
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// A few real photos of different sizes, if present.
    public static var realImages: [String] {
        ["GL_best.jpg", "MAC_container2.jpg", "LB_0005.jpg", "DUY_det_0006918.jpg", "ALI_container.jpg", "MAC_containerBig.jpg"]
            .map { realData.appendingPathComponent("images/\($0)").path }
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// A fresh empty folder under the system's temporary directory.
    public static func temporaryFolder(_ name: String = #function) throws -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("portsight-tests-\(safe)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A small deterministic random generator (SplitMix64) for synthetic test images.
public struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    /// A generator that always gives the same sequence for the same seed.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Fixtures {
    /// An executable of this package built beside the test bundle by `swift build --build-tests`
    /// (`portsight`, `portsight-eventload`), or nil when it is not there.
    public static func builtExecutable(_ name: String) -> URL? {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent(name))
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent(name))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(name))
        candidates.append(root.appendingPathComponent(".build/debug/\(name)"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
