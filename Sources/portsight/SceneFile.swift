import Foundation
import Pipeline
import Tracking
import Yams

/// A camera's scene in YAML: its id, zones and counting lines, and which of them are gates.
/// Unknown keys are errors (a typo must not silently turn a gate off).
///
/// ```yaml
/// camera: gate1
/// zones:
///   - {id: lane, points: [[340, 380], [700, 380], [700, 719], [340, 719]]}
/// lines:
///   - {id: gate, start: [640, 719], end: [640, 0], left_to_right: east, right_to_left: west, gate: true}
/// ```
struct SceneFile: Decodable {
    var camera: String
    var zones: [ZoneEntry]
    var lines: [LineEntry]

    struct ZoneEntry: Decodable {
        var id: String
        var points: [[Double]]
        var gate: Bool

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: ConfigKey.self)
            try c.rejectUnknown(["id", "points", "gate"])
            id = try c.decode(String.self, forKey: ConfigKey("id"))
            points = try c.decode([[Double]].self, forKey: ConfigKey("points"))
            gate = try c.decodeIfPresent(Bool.self, forKey: ConfigKey("gate")) ?? false
        }
    }

    struct LineEntry: Decodable {
        var id: String
        var start: [Double]
        var end: [Double]
        var leftToRight: String
        var rightToLeft: String
        var gate: Bool

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: ConfigKey.self)
            try c.rejectUnknown(["id", "start", "end", "left_to_right", "right_to_left", "gate"])
            id = try c.decode(String.self, forKey: ConfigKey("id"))
            start = try c.decode([Double].self, forKey: ConfigKey("start"))
            end = try c.decode([Double].self, forKey: ConfigKey("end"))
            leftToRight = try c.decode(String.self, forKey: ConfigKey("left_to_right"))
            rightToLeft = try c.decode(String.self, forKey: ConfigKey("right_to_left"))
            gate = try c.decodeIfPresent(Bool.self, forKey: ConfigKey("gate")) ?? false
        }
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: ConfigKey.self)
        try c.rejectUnknown(["camera", "zones", "lines"])
        camera = try c.decode(String.self, forKey: ConfigKey("camera"))
        zones = try c.decodeIfPresent([ZoneEntry].self, forKey: ConfigKey("zones")) ?? []
        lines = try c.decodeIfPresent([LineEntry].self, forKey: ConfigKey("lines")) ?? []
    }

    /// Reads and checks `path`; errors name the file and the key and say what is expected.
    static func load(_ path: String) throws -> SceneSettings {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw fail("cannot read the config file \(path)") }
        let file: SceneFile
        do {
            file = try YAMLDecoder().decode(SceneFile.self, from: text)
        } catch let error as DecodingError {
            throw fail("\(path): \(ConfigKey.message(error))")
        } catch {
            throw fail("\(path): \(error)")
        }
        var settings = SceneSettings(camera: file.camera)
        do {
            for zone in file.zones {
                settings.zones.append(try Zone(id: zone.id, points: try zone.points.map { try point($0, "zones[\(zone.id)].points") }))
            }
            for line in file.lines {
                settings.lines.append(try CountingLine(
                    id: line.id, start: try point(line.start, "lines[\(line.id)].start"), end: try point(line.end, "lines[\(line.id)].end"),
                    leftToRight: line.leftToRight, rightToLeft: line.rightToLeft))
            }
        } catch {
            throw fail("\(path): \(error)")
        }
        settings.gates = Set(file.zones.filter(\.gate).map(\.id) + file.lines.filter(\.gate).map(\.id))
        return settings
    }

    private static func point(_ values: [Double], _ key: String) throws -> Point {
        guard values.count == 2 else { throw ConfigValueError(message: "\(key): a point is [x, y] in frame pixels") }
        return Point(x: values[0], y: values[1])
    }
}

/// A config value that is well-formed YAML but not a usable value.
struct ConfigValueError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Any key of a config mapping, so that unknown keys can be found and named.
struct ConfigKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) {
        stringValue = "\(intValue)"
        self.intValue = intValue
    }

    /// A decoding error as "key.path: what is wrong".
    static func message(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case let .keyNotFound(key, context): return "\(path(context.codingPath + [key])): missing"
        case let .typeMismatch(type, context): return "\(path(context.codingPath)): expected \(type)"
        case let .valueNotFound(type, context): return "\(path(context.codingPath)): expected \(type), found nothing"
        case let .dataCorrupted(context): return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

extension KeyedDecodingContainer where Key == ConfigKey {
    /// Throws for a key not in `known`, naming it and the keys that are allowed.
    func rejectUnknown(_ known: [String]) throws {
        if let unknown = allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: codingPath + [ConfigKey(unknown)],
                debugDescription: "unknown key (allowed here: \(known.joined(separator: ", ")))"))
        }
    }
}
