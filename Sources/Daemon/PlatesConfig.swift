import Foundation
import Pipeline
import Plates

/// Which licence plates a site reads (`plates:` in the configuration). Without this section the
/// daemon reads no plates.
public struct PlatesConfig: Decodable, Sendable, Equatable {
    /// Preset regions (`uk`, `de`, `fr`, `it`, `es`, `nl`, `pl`, `cn`).
    public var regions: [String] = []
    /// The site's own patterns, by name, in the pattern language of `docs/reading-plates.md`.
    public var patterns: [String: String] = [:]
    /// Characters shorter than this (pixels) give "too small" instead of a guess.
    public var minCharacterHeight = 15.0
    /// The expected visits' file; nil: `expected-visits.txt` next to the event store.
    public var expected: String?
    /// The rules the patterns compile to.
    public private(set) var rules = PlateRules(search: PlateSearch(patterns: PlatePresets.all, regionChosen: false))

    /// Rules for `regions` (tests).
    public init(regions: [String]) throws(PlatePatternError) {
        self.regions = regions
        rules = PlateRules(search: PlateSearch(patterns: try PlatePresets.resolve(regions: regions, custom: [])))
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: ConfigKey.self)
        try c.rejectUnknown(["regions", "patterns", "min_character_height", "expected"])
        regions = try c.value("regions", or: regions)
        patterns = try c.value("patterns", or: patterns)
        minCharacterHeight = try c.value("min_character_height", or: minCharacterHeight)
        expected = try c.decodeIfPresent(String.self, forKey: ConfigKey("expected"))
        try c.check(expected.map { !$0.isEmpty } ?? true, "expected", "a file path, or leave the key out")
        try c.check(!regions.isEmpty || !patterns.isEmpty, "regions",
                    "name at least one region (\(PlatePresets.names.joined(separator: ", "))) or pattern: a plate read without one is never sure")
        try c.check((4...200).contains(minCharacterHeight), "min_character_height", "expected 4 to 200 pixels")
        let custom = patterns.keys.sorted().map { (name: $0, pattern: patterns[$0]!) }
        do {
            let compiled = try PlatePresets.resolve(regions: regions, custom: custom)
            rules = PlateRules(search: PlateSearch(patterns: compiled), minimumCharacterHeight: minCharacterHeight)
        } catch {
            if case .unknownPreset = error { throw c.invalid("regions", error.description) }
            throw c.invalid("patterns", error.description)
        }
    }
}

extension PlatesConfig {
    /// The expected visits' file for a store at `storePath`.
    public func expectedPath(storePath: String) -> String {
        expected ?? URL(fileURLWithPath: storePath).deletingLastPathComponent().appendingPathComponent("expected-visits.txt").path
    }
}

/// A gate lane and the cameras that watch it (`lanes:` in the configuration); visit records name it.
public struct LaneConfig: Decodable, Sendable, Equatable {
    /// The lane's name.
    public var id: String
    /// The ids of the cameras that watch it.
    public var cameras: [String]
    /// Those of `cameras` that see trucks from behind: a plate they read that is not the
    /// tractor's is the trailer's.
    public var rear: [String]

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: ConfigKey.self)
        try c.rejectUnknown(["id", "cameras", "rear"])
        id = try c.required("id")
        cameras = try c.required("cameras")
        rear = try c.value("rear", or: [])
        try c.check(!id.isEmpty, "id", "a name for the lane")
        try c.check(!cameras.isEmpty, "cameras", "the ids of the cameras that watch this lane")
        for camera in rear where !cameras.contains(camera) {
            throw c.invalid("rear", "camera '\(camera)' is not among the lane's cameras (\(cameras.joined(separator: ", "))); name the rear cameras of this lane")
        }
    }
}
