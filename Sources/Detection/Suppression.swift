import PixelCore

/// Removing duplicate detections: within one detector run (non-maximum suppression) and across
/// the overlapping regions of one frame.
public enum Suppression {
    /// Greedy class-aware non-maximum suppression: of boxes with the same label that overlap by
    /// more than `iou`, only the highest-scoring one is kept. Output is sorted by score, then box,
    /// so that equal inputs give equal outputs.
    public static func nonMaximum(_ detections: [Detection], iou threshold: Double) -> [Detection] {
        var kept: [Detection] = []
        kept.reserveCapacity(detections.count)
        for candidate in detections.sorted(by: rankedFirst) {
            let duplicate = kept.contains { $0.label == candidate.label && $0.box.iou(candidate.box) > threshold }
            if !duplicate { kept.append(candidate) }
        }
        return kept
    }

    /// Merges the detections of several regions of one frame. Two detections of the same label are
    /// one object when they overlap by more than `iou`, or when the smaller lies mostly (more than
    /// `containment`) inside the larger; when either was cut by the edge of its region (and not by
    /// the frame's), the object straddled two regions, so the merged box is their union. Two
    /// labels of one category (car and truck) on boxes that overlap by more than `sameObject` are
    /// one object too, and keep the higher score's label. An object seen both in an overview and
    /// in a square that holds it whole takes the square's (finer) box.
    public static func acrossRegions(_ found: [RegionDetection], frameWidth: Int, frameHeight: Int,
                                     iou: Double = 0.5, containment: Double = 0.7, sameObject: Double = 0.8) -> [Detection] {
        var kept: [RegionDetection] = []
        for candidate in found.sorted(by: { rankedFirst($0.detection, $1.detection) }) {
            let box = candidate.detection.box
            let match = kept.firstIndex { other in
                guard other.detection.label == candidate.detection.label else {
                    // A car and a truck on nearly the same box are one vehicle seen two ways.
                    return other.detection.category == candidate.detection.category && box.iou(other.detection.box) > sameObject
                }
                let smaller = box.area <= other.detection.box.area ? box : other.detection.box
                let larger = box.area <= other.detection.box.area ? other.detection.box : box
                let cut = candidate.isCut(frameWidth: frameWidth, frameHeight: frameHeight)
                    || other.isCut(frameWidth: frameWidth, frameHeight: frameHeight)
                return box.iou(other.detection.box) > iou || smaller.fractionInside(larger) > (cut ? 0.3 : containment)
            }
            guard let match else {
                kept.append(candidate)
                continue
            }
            if kept[match].overview != candidate.overview {
                // Seen whole at a coarse scale and in a square: the square's box is the finer one
                // when it is the same box (not a part, such as a cab, nor cut by the square);
                // otherwise the overview's whole box stands, and a part must not stretch it.
                let coarse = kept[match].overview ? kept[match] : candidate
                let fine = kept[match].overview ? candidate : kept[match]
                let same = !fine.isCut(frameWidth: frameWidth, frameHeight: frameHeight)
                    && fine.detection.box.iou(coarse.detection.box) > iou
                let chosen = same ? fine : coarse
                kept[match].detection.box = chosen.detection.box
                kept[match].region = chosen.region
                kept[match].overview = chosen.overview
                continue
            }
            if candidate.isCut(frameWidth: frameWidth, frameHeight: frameHeight)
                || kept[match].isCut(frameWidth: frameWidth, frameHeight: frameHeight) {
                kept[match].detection.box = kept[match].detection.box.union(box)
                kept[match].region = kept[match].region.union(candidate.region)
            }
        }
        return kept.map(\.detection).sorted(by: rankedFirst)
    }

    /// Higher score first; ties broken by position so the order never depends on input order.
    static func rankedFirst(_ a: Detection, _ b: Detection) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.box.y != b.box.y { return a.box.y < b.box.y }
        if a.box.x != b.box.x { return a.box.x < b.box.x }
        if a.box.area != b.box.area { return a.box.area > b.box.area }
        return a.label < b.label
    }
}

/// A detection together with the region of the frame the detector was run on.
public struct RegionDetection: Sendable, Hashable {
    /// What was found, in frame coordinates.
    public var detection: Detection
    /// The region of the frame that was the detector's input.
    public var region: Rect
    /// True when the region was an overview: a large region shrunk whole, so boxes are coarse.
    public var overview: Bool

    /// Pairs a detection with its region.
    public init(detection: Detection, region: Rect, overview: Bool = false) {
        self.detection = detection
        self.region = region
        self.overview = overview
    }

    /// True when the box touches an edge of its region that is not an edge of the frame: the object
    /// probably goes on outside the region.
    public func isCut(frameWidth: Int, frameHeight: Int, margin: Int = 3) -> Bool {
        let box = detection.box
        return (region.x > 0 && box.x - region.x <= margin)
            || (region.y > 0 && box.y - region.y <= margin)
            || (region.maxX < frameWidth && region.maxX - box.maxX <= margin)
            || (region.maxY < frameHeight && region.maxY - box.maxY <= margin)
    }
}
