import CVBridge
import CommandOptions
import Detection
import Events
import Foundation
import FrameSources
import Pipeline
import PixelCore
import Tracking

/// `replay --annotate OUT.mp4`: the footage with zones, lines, tracks, what was read on them and
/// each visit drawn on it, as H.264 in an MP4, for engineers.
final class ReplayAnnotation {
    private let path: String
    private let scene: SceneSettings
    private let canvas = PixelBuffer()
    private var writer: VideoWriter?
    /// The first frame, held until the second one gives the frame rate.
    private var first: (buffer: PixelBuffer, time: Double)?
    private var visit: VisitBanner?
    private(set) var frames = 0

    /// The last visit, shown for a few seconds at the top.
    struct VisitBanner {
        var text: String
        var until: Double
    }

    init(path: String, scene: SceneSettings) {
        self.path = path
        self.scene = scene
    }

    /// Draws `frame` (BGR) with the tracks and this frame's events, and writes it.
    func add(_ frame: Frame, labels: [TrackLabel], events: [NewEvent]) throws {
        let image = frame.image
        guard image.channels == 3 else { throw fail("--annotate needs colour frames: use it with --detect regions or whole") }
        canvas.copy(from: image)
        try draw(labels, events, at: frame.info.mediaTime)
        if let writer {
            try writer.write(canvas.view)
        } else if let held = first {
            let fps = frame.info.mediaTime > held.time ? 1 / (frame.info.mediaTime - held.time) : 25
            let opened = try VideoWriter(path: path, width: image.width, height: image.height, fps: min(120, fps.rounded()))
            try opened.write(held.buffer.view)
            try opened.write(canvas.view)
            writer = opened
            first = nil
        } else {
            let copy = PixelBuffer()
            copy.copy(from: canvas.view)
            first = (copy, frame.info.mediaTime)
        }
        frames += 1
    }

    /// Finishes the file.
    func finish() throws {
        if let held = first {
            let opened = try VideoWriter(path: path, width: held.buffer.width, height: held.buffer.height, fps: 25)
            try opened.write(held.buffer.view)
        }
        first = nil
        writer = nil
    }

    private func draw(_ labels: [TrackLabel], _ events: [NewEvent], at time: Double) throws {
        for zone in scene.zones {
            try TextGeometry.draw(polyline: zone.points.flatMap { [Int($0.x), Int($0.y)] }, closed: true, label: zone.id,
                                  colour: (200, 200, 200), on: canvas)
        }
        for line in scene.lines {
            let gate = scene.gates.contains(line.id)
            try TextGeometry.draw(polyline: [Int(line.start.x), Int(line.start.y), Int(line.end.x), Int(line.end.y)], closed: false,
                                  label: line.id + (gate ? " (gate)" : ""), colour: gate ? (0, 0, 255) : (255, 255, 0), on: canvas)
        }
        for label in labels {
            let colour: (blue: UInt8, green: UInt8, red: UInt8) = switch label.category {
            case .vehicle: (0, 200, 255)
            case .container: (255, 128, 0)
            case .person: (0, 220, 0)
            }
            try TextGeometry.draw(label.box, label: label.text, colour: colour, on: canvas)
        }
        if let record = events.lazy.compactMap(\.transaction).last {
            visit = VisitBanner(text: Self.describe(record), until: time + 4)
        }
        if let banner = visit, time <= banner.until {
            // A one-pixel box at the top left: its label is the banner.
            try TextGeometry.draw(Rect(x: 12, y: max(48, canvas.height / 12), width: 1, height: 1), label: banner.text,
                                  colour: (255, 255, 255), on: canvas)
        }
    }

    /// `visit lane gate3 in: GT19PSX, PSGU4182735 22G1 single`.
    static func describe(_ visit: GateTransactionPayload) -> String {
        let plate = visit.plate.map { $0.text ?? "plate too small" } ?? "no plate"
        let containers = visit.containers.map { [$0.code, $0.sizeType, $0.position].compactMap { $0 }.joined(separator: " ") }
        return "visit \(visit.lane ?? "") \(visit.direction ?? ""): " + ([plate] + containers).joined(separator: ", ")
    }
}
