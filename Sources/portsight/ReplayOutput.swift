import CommandOptions
import Foundation
import Pipeline

/// Writes replay results: JSON lines for programs, a progress line and summary for people.
final class ReplayOutput {
    private let format: Replay.OutputFormat
    private let encoder: JSONEncoder
    private let out = FileHandle.standardOutput
    private var lastProgress = ContinuousClock.now
    // Progress rewrites one line in place: only where a person watches a terminal.
    private let showProgress = isatty(STDERR_FILENO) != 0
    private var frames = 0
    private var regions = 0

    init(format: Replay.OutputFormat) {
        self.format = format
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    func frame(_ report: FrameReport) {
        frames += 1
        regions += report.regions.count
        switch format {
        case .jsonl:
            write(report)
        case .text:
            let now = ContinuousClock.now
            if showProgress && now - lastProgress >= .seconds(1) {
                lastProgress = now
                let line = String(format: "\rframe %6d  t=%8.2fs  regions %3d  motion %5.1f%%  decode %6.2f ms  pixel %5.2f ms",
                                  report.frame, report.mediaTime, report.regions.count, report.motionFraction * 100,
                                  report.ms.decode, report.ms.pixel)
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
    }

    func finish(_ summary: ReplaySummary) {
        switch format {
        case .jsonl:
            write(summary)
        case .text:
            if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            var lines = [
                "source      \(summary.source)",
                "frames      \(summary.frames) in \(summary.seconds) s (\(summary.fps) frames/s)",
                "frame size  \(summary.frameSize.map(String.init).joined(separator: "x"))  working image \(summary.workSize.map(String.init).joined(separator: "x"))",
                "motion      \(summary.framesWithMotion) frames with regions, \(regions) regions, \(summary.lightingChanges) lighting changes",
                "median ms   decode \(summary.medianMs.decode)  pixel \(summary.medianMs.pixel)",
                "skipped     \(summary.dropped) dropped, \(summary.corrupt) corrupt, \(summary.ignoredFiles) non-image files\(summary.truncated ? ", video truncated" : "")",
            ]
            if let detection = summary.detection {
                lines.append("detection   \(detection.mode.rawValue): \(detection.runs) runs, \(detection.msPerRun) ms per run, \(detection.detections) detections on \(detection.framesWithDetections) frames")
            }
            if let error = summary.error { lines.append("stopped     \(error)") }
            out.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
    }

    private func write<T: Encodable>(_ value: T) {
        guard var data = try? encoder.encode(value) else { return }
        data.append(0x0A)
        out.write(data)
    }
}
