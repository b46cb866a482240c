import Detection
import Plates
import PixelCore
import Vision

/// Reads licence plates in a region of a frame: the OCR plate reader, or a stand-in in tests.
public protocol PlateReading: AnyObject {
    /// The plates in `region` of `image` (BGR) under `rules`: sure reads first.
    func readPlates(_ image: ImageView, region: Rect?, rules: PlateRules) throws -> [PlateFinding]
}

extension PlateReader: PlateReading {
    /// One look at the region (no extra tiles: a track gives the reader several frames).
    public func readPlates(_ image: ImageView, region: Rect?, rules: PlateRules) throws -> [PlateFinding] {
        if search != rules.search { search = rules.search }
        minimumCharacterHeight = rules.minimumCharacterHeight
        return try read(image, region: region, thorough: false)
    }
}

/// How plates are read: the formats accepted and the smallest characters read.
public struct PlateRules: Sendable, Equatable {
    /// The patterns and the search under them.
    public var search: PlateSearch
    /// Characters shorter than this (pixels) make a plate "too small" instead of a guess.
    public var minimumCharacterHeight: Double

    /// Rules over `search`.
    public init(search: PlateSearch, minimumCharacterHeight: Double = 15) {
        self.search = search
        self.minimumCharacterHeight = minimumCharacterHeight
    }
}

/// The daemon's current plate rules, shared by the cameras and the reading service; replaced
/// whole when the configuration is reloaded.
public typealias SharedPlateRules = Shared<PlateRules>

/// How a camera's analyzer reads plates.
public enum PlateReadingMode {
    /// On the camera's thread, waiting for each read: replays give the same events every time.
    case inline(PlateReading, rules: SharedPlateRules)
    /// On the shared service's thread, with the service's rules.
    case background(CodeReadClient)
}
