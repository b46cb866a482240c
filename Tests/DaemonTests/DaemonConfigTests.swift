import Daemon
import Foundation
import Inference
import Testing
import TestSupport
import Vision

@Suite("Daemon configuration")
struct DaemonConfigTests {
    func load(_ yaml: String) throws(ConfigError) -> DaemonConfig {
        try ConfigLoader.decode(DaemonConfig.self, yaml: yaml, file: "test.yml")
    }

    func error(_ yaml: String) -> ConfigError? {
        do {
            _ = try load(yaml)
            return nil
        } catch {
            return error
        }
    }

    @Test("the bundled configs load", arguments: ["samples/portsight.yml", "samples/portsight.example.yml"])
    func bundled(path: String) throws {
        let config = try ConfigLoader.load(DaemonConfig.self, from: Fixtures.root.appendingPathComponent(path).path)
        #expect(config.cameras.first?.id == "gate3")
        #expect(config.cameras.first?.lines.first?.id == "gate")
        #expect(config.cameras.first?.gates == ["gate"])
    }

    @Test("defaults fill what is left out")
    func defaults() throws {
        let config = try load("cameras:\n  - {id: cam1, source: a.mp4}\n")
        #expect(config.feed.host == "127.0.0.1" && config.feed.port == 8080 && config.feed.token == nil)
        #expect(config.store.synchronous == .full)
        #expect(config.detector.layout == .darknet && config.detector.modelConfig != nil)
        #expect(config.cameras[0].detection == .regions && config.cameras[0].detectionRate == 4)
    }

    @Test("inference: the backend and precision by name, with errors naming the allowed values")
    func inference() throws {
        let defaults = try load("cameras:\n  - {id: c, source: a.mp4}\n")
        #expect(defaults.inference.backend == nil && defaults.inference.threads == 1)
        #expect(defaults.detector.precision == .int8)
        let named = try load("inference: {backend: opencv, threads: 2}\ndetector: {precision: f32}\ncameras:\n  - {id: c, source: a.mp4}\n")
        #expect(named.inference.backend == .opencv && named.inference.threads == 2 && named.detector.precision == .f32)
        let backend = error("inference: {backend: tensorrt}\ncameras:\n  - {id: c, source: a.mp4}\n")
        #expect(backend?.key == "inference.backend")
        #expect(backend?.message.contains("openvino, opencv") == true && backend?.message.contains("tensorrt") == true)
        let precision = error("detector: {precision: fp16}\ncameras:\n  - {id: c, source: a.mp4}\n")
        #expect(precision?.key == "detector.precision")
        #expect(precision?.message.contains("int8, f32") == true)
        #expect(error("inference: {threads: 0}\ncameras:\n  - {id: c, source: a.mp4}\n")?.key == "inference.threads")
    }

    @Test("plates: regions and patterns compile at load; a bad one names itself and where it is")
    func plates() throws {
        let camera = "cameras:\n  - {id: gate3, source: a.mp4}\n"
        #expect(try load(camera).plates == nil)
        let site = try load("plates:\n  regions: [uk]\n  patterns: {fleet: 'LLL DDD'}\n" + camera)
        #expect(site.plates?.rules.search.patterns.map(\.name) == ["uk", "fleet"])
        #expect(site.plates?.rules.minimumCharacterHeight == 15)
        let bad = error("plates:\n  patterns: {fleet: 'LLL DD?'}\n" + camera)
        #expect(bad?.key == "plates.patterns")
        #expect(bad?.message.contains("'LLL DD?'") == true && bad?.message.contains("character 7") == true)
        let region = error("plates: {regions: [xx]}\n" + camera)
        #expect(region?.key == "plates.regions")
        #expect(region?.message.contains("'xx' is not known") == true)
        #expect(error("plates: {min_character_height: 20}\n" + camera)?.message.contains("at least one region") == true)
    }

    @Test("lanes: each camera in one lane, every camera named exists")
    func lanes() throws {
        let cameras = "cameras:\n  - {id: gate3, source: a.mp4}\n  - {id: gate3-front, source: b.mp4}\n"
        let config = try load("lanes:\n  - {id: lane-1, cameras: [gate3, gate3-front]}\n" + cameras)
        #expect(config.cameras.map(\.lane) == ["lane-1", "lane-1"])
        let unknown = error("lanes:\n  - {id: lane-1, cameras: [gate4]}\n" + cameras)
        #expect(unknown?.key == "lanes")
        #expect(unknown?.message.contains("camera 'gate4'") == true && unknown?.message.contains("gate3, gate3-front") == true)
        let twice = error("lanes:\n  - {id: a, cameras: [gate3]}\n  - {id: b, cameras: [gate3]}\n" + cameras)
        #expect(twice?.message.contains("lanes 'a' and 'b'") == true)
        let rear = try load("lanes:\n  - {id: lane-1, cameras: [gate3, gate3-front], rear: [gate3]}\n" + cameras)
        #expect(rear.cameras.map(\.laneRearCameras) == [["gate3"], ["gate3"]])
        let stranger = error("lanes:\n  - {id: lane-1, cameras: [gate3], rear: [gate3-front]}\n" + cameras)
        #expect(stranger?.key.hasSuffix("rear") == true)
        #expect(stranger?.message.contains("'gate3-front' is not among the lane's cameras") == true)
    }

    @Test("an unknown key is an error naming it, its line and the allowed keys")
    func unknownKey() {
        let found = error("cameras:\n  - id: cam1\n    source: a.mp4\n    detection_rat: 2\n")
        #expect(found?.key == "cameras[0].detection_rat")
        #expect(found?.line == 4)
        #expect(found?.message.contains("allowed here") == true)
        #expect(found?.description.hasPrefix("test.yml:4: cameras[0].detection_rat:") == true)
    }

    @Test("a wrong type names the key and what is expected")
    func wrongType() {
        let found = error("feed:\n  port: eighty\ncameras:\n  - {id: c, source: a.mp4}\n")
        #expect(found?.key == "feed.port")
        #expect(found?.line == 2)
        #expect(found?.message.contains("whole number") == true)
    }

    @Test("a missing required key is named")
    func missing() {
        #expect(error("cameras:\n  - {id: c}\n")?.key == "cameras[0].source")
        #expect(error("site: x\n")?.key == "cameras")
    }

    @Test("values are checked", arguments: [
        ("cameras:\n  - {id: 'bad id', source: a.mp4}\n", "cameras[0].id"),
        ("cameras:\n  - {id: c, source: a.mp4, detection: everywhere}\n", "cameras[0].detection"),
        ("cameras:\n  - {id: c, source: a.mp4}\n  - {id: c, source: b.mp4}\n", "cameras"),
        ("cameras:\n  - id: c\n    source: a.mp4\n    zones: [{id: z, points: [[0, 0], [1, 1]]}]\n", "cameras[0].zones[0].points"),
        ("cameras:\n  - id: c\n    source: a.mp4\n    lines: [{id: l, start: [0, 0], end: [0, 0], left_to_right: a, right_to_left: b}]\n", "cameras[0].lines[0].end"),
        ("store: {synchronous: sometimes}\ncameras:\n  - {id: c, source: a.mp4}\n", "store.synchronous"),
        ("detector: {input_size: 400}\ncameras:\n  - {id: c, source: a.mp4}\n", "detector.input_size"),
        ("cameras:\n  - {id: c, source: a.mp4, max_fps: .inf}\n", "cameras[0].max_fps"),
        ("cameras:\n  - {id: c, source: a.mp4, stall_s: .nan}\n", "cameras[0].stall_s"),
        ("detector: {score: .inf}\ncameras:\n  - {id: c, source: a.mp4}\n", "detector.score"),
        ("feed: {host: 999.1.1.1}\ncameras:\n  - {id: c, source: a.mp4}\n", "feed.host"),
        ("feed: {max_streams: 200}\ncameras:\n  - {id: c, source: a.mp4}\n", "feed.max_streams"),
        ("cameras:\n  - id: c\n    source: a.mp4\n    zones: [{id: z, points: [[0, 0], [100, 100], [100, 0], [0, 100]]}]\n", "cameras[0].zones[0].points"),
    ])
    func checked(yaml: String, key: String) {
        #expect(error(yaml)?.key == key)
    }

    @Test("a setting with a fixed set of answers is an enum, and its error lists every allowed answer", arguments: [
        ("cameras:\n  - {id: c, source: a.mp4, detection: everywhere}\n", "regions, whole, off", "everywhere"),
        ("store: {synchronous: FULL}\ncameras:\n  - {id: c, source: a.mp4}\n", "full, normal", "FULL"),
        ("detector: {layout: yolov9, model: m.onnx}\ncameras:\n  - {id: c, source: a.mp4}\n", "darknet, yolov5, yolov8", "yolov9"),
    ])
    func choices(yaml: String, allowed: String, given: String) throws {
        let problem = error(yaml)
        #expect(problem?.message == "expected one of \(allowed), got '\(given)'")
        let named = try load("store: {synchronous: normal}\ndetector: {layout: yolov8, model: m.onnx}\ncameras:\n  - {id: c, source: a.mp4, detection: whole}\n")
        #expect(named.store.synchronous == .normal && named.detector.layout == .yolov8 && named.cameras[0].detection == .whole)
    }

    @Test("a self-crossing zone says so, not that its points lie on one line")
    func bowTie() {
        let problem = error("cameras:\n  - id: c\n    source: a.mp4\n    zones: [{id: z, points: [[0, 0], [100, 100], [100, 0], [0, 100]]}]\n")
        #expect(problem?.message.contains("crosses itself") == true)
        #expect(problem?.message.contains("one line") == false)
    }

    @Test("a daemon runs at most 64 cameras, and the error says how many were listed")
    func cameraLimit() throws {
        let many = (0..<65).map { "  - {id: c\($0), source: a.mp4}\n" }.joined()
        let problem = error("cameras:\n" + many)
        #expect(problem?.key == "cameras")
        #expect(problem?.message.contains("65 cameras") == true)
        let enough = (0..<64).map { "  - {id: c\($0), source: a.mp4}\n" }.joined()
        #expect(try load("cameras:\n" + enough).cameras.count == 64)
    }

    @Test("a feed on a non-loopback address needs a token")
    func token() throws {
        let open = error("feed: {host: 0.0.0.0}\ncameras:\n  - {id: c, source: a.mp4}\n")
        #expect(open?.key == "feed")
        #expect(open?.message.contains("no token") == true)
        let config = try load("feed: {host: 0.0.0.0, token: 0123456789abcdef0123}\ncameras:\n  - {id: c, source: a.mp4}\n")
        #expect(config.feed.token == "0123456789abcdef0123")
    }

    @Test("broken YAML and a missing file are errors naming the file")
    func broken() {
        let found = error("cameras: [\n  - {id: c\n")
        #expect(found?.file == "test.yml")
        #expect(found?.message.contains("not valid YAML") == true)
        #expect(throws: ConfigError.self) { try ConfigLoader.load(DaemonConfig.self, from: "/nonexistent/portsight.yml") }
    }
}
