import Detection

/// Settings of an object detector.
public struct DetectorSettings: Sendable, Equatable {
    /// The square input size (a multiple of 32 for YOLO).
    public var inputSize = 416
    /// Detections scoring lower are dropped. Low enough by default that the tracker's second
    /// association stage sees weak detections of objects it already follows.
    public var scoreThreshold: Float = 0.25
    /// Same-label boxes overlapping more than this are one object.
    public var nmsThreshold = 0.45
    /// OpenCV's worker threads. OpenCV has one thread pool per process, so the program applies it
    /// once (`setOpenCVThreads`), before any thread runs OpenCV: changing it while another thread
    /// runs OpenCV is not safe.
    public var threads = 1
    /// Which model labels are reported, and as what.
    public var categories = CategoryMap.coco
    /// True when `categories` came from a site's config: labels the model lacks are then an error.
    public var strictCategories = false

    /// The defaults.
    public init() {}
}
