import Detection
import Foundation
import Events
import FrameSources
import PixelCore
import Plates
import Tracking
import Vision

extension CameraAnalyzer {
    /// Reads plates on truck tracks (the visit record carries them), in the lower part of the
    /// truck's box, at most once per `readInterval` and `maxReadsPerTrack` times per track, until
    /// the votes are sure.
    func readPlates(_ frame: Frame, _ step: TrackerStep) {
        guard let plates else { return }
        let time = frame.info.mediaTime
        let image = frame.image
        for track in step.confirmed where track.category == .vehicle && track.label == "truck" {
            var state = plateReading[track.id] ?? TrackPlates()
            guard !state.sure, state.reads < settings.maxReadsPerTrack,
                  time - (state.lastRead ?? -.infinity) >= settings.readInterval else { continue }
            let box = track.box
            let top = box.y + Int(Double(box.height) * (1 - settings.plateSearchShare))
            let lower = Rect(x: box.x, y: top, width: box.width, height: box.y + box.height - top)
            let region = lower.padded(by: max(8, box.height / 20), within: image.width, image.height)
            guard region.width >= 16, region.height >= 16 else { continue }
            state.reads += 1
            state.lastRead = time
            plateReading[track.id] = state
            switch plates {
            case let .background(client):
                client.submit(track: track.id, mediaTime: time, image: image, region: region, kind: .plates)
            case let .inline(reader, rules):
                do {
                    let findings = try reader.readPlates(image, region: region, rules: rules.value)
                    var crops: [String: Data] = [:]
                    if let best = findings.first(where: { $0.read != nil }), let read = best.read {
                        crops[read.text] = closeUps?.closeUp(of: image, box: best.box)
                    }
                    addPlates(findings, crops: crops, track: track.id)
                } catch {
                    logger.warning("plate reader failed", metadata: ["track": "\(track.id)", "error": "\(error)"])
                }
            }
        }
    }

    /// Adds one frame's plate findings to the track's vote: the best read (with its close-up from
    /// `crops`, by text), or that the plate was too small to read.
    func addPlates(_ findings: [PlateFinding], crops: [String: Data], track: Int) {
        guard var state = plateReading[track] else { return }
        if let read = findings.lazy.compactMap(\.read).first {
            state.voter.add(read)
            if let crop = crops[read.text] { state.crops[read.text, default: ScoredCrop()].offer(crop, confidence: read.confidence) }
        } else if let small = findings.first(where: \.tooSmall) {
            state.tallestSmallHeight = max(state.tallestSmallHeight ?? 0, small.characterHeight)
        }
        plateReading[track] = state
    }
}

/// What is known about one truck's plate.
struct TrackPlates {
    var voter = PlateVoter()
    var reads = 0
    var lastRead: Double?
    /// The tallest characters of plates found but too small to read.
    var tallestSmallHeight: Double?
    /// The close-up of each text's surest read.
    var crops: [String: ScoredCrop] = [:]

    /// The close-up of the decided plate.
    var crop: Data? {
        voter.decision().flatMap { crops[$0.text]?.jpeg }
    }

    /// True when the votes decided a plate that needs no review: no more reads are needed.
    var sure: Bool {
        voter.decision().map { !$0.needsReview } ?? false
    }

    /// The plate for the visit record: the decision, or "too small" when only small plates were
    /// seen; nil when no plate was found.
    var payload: PlatePayload? {
        if let decision = voter.decision() {
            return PlatePayload(text: decision.text, pattern: decision.pattern, confidence: (decision.confidence * 1000).rounded() / 1000,
                                reviewReasons: decision.reviewReasons, reads: decision.readCount,
                                agreeingReads: decision.agreeingReadCount)
        }
        guard let height = tallestSmallHeight else { return nil }
        return PlatePayload(tooSmallBecause: PlateFinding.tooSmallReason(characterHeight: height))
    }
}
