import Detection
import PixelCore

/// Finds objects in part of a BGR image.
public protocol Detector: AnyObject {
    /// The square input size regions are scaled to.
    var inputSize: Int { get }
    /// Objects in `region` of `image` (BGR), in image pixels, highest score first.
    func detect(_ image: ImageView, in region: Rect) throws(ModelError) -> [Detection]
}

extension Detector {
    /// Runs the detector on each planned region and merges the duplicates that overlapping regions
    /// find; an overview keeps only the objects larger than a third of it. The result is sorted
    /// by score.
    public func detect(_ image: ImageView, regions: [PlannedRegion]) throws(ModelError) -> [Detection] {
        var found: [RegionDetection] = []
        for region in regions {
            let smallest = region.reason == .overview ? max(region.rect.width, region.rect.height) / 3 : 0
            for detection in try detect(image, in: region.rect)
            where max(detection.box.width, detection.box.height) >= smallest {
                found.append(RegionDetection(detection: detection, region: region.rect, overview: region.reason == .overview))
            }
        }
        return Suppression.acrossRegions(found, frameWidth: image.width, frameHeight: image.height)
    }
}
