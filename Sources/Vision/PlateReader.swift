import CVBridge
import ContainerCode
import Foundation
import Inference
import PixelCore
import Plates

/// A licence plate found on an image: its read, or the word that it is too small to read.
public struct PlateFinding: Sendable, Equatable {
    /// The read, nil when the characters are too small to trust.
    public var read: PlateRead?
    /// Where the plate's characters are, in image pixels.
    public var box: Rect
    /// Estimated height of the characters, in pixels.
    public var characterHeight: Double
    /// How far the characters' background reaches above and below them (the smaller of the
    /// two), in character heights, up to 1.5: a plate's ends within half a character, a
    /// surface the text is painted on goes on.
    public var backgroundExtent: Double
    /// True for a sure read, and for characters too small to read that look like a plate's
    /// all the same (four or more, a digit among them): what questions painted text beside it.
    public var looksLikePlate: Bool { read.map { !$0.needsReview } ?? smallLooksLikePlate }
    /// For characters too small to read: whether their guess looks like a plate's.
    private let smallLooksLikePlate: Bool
    /// True when text that fits a plate pattern was found with characters smaller than the
    /// reader trusts: it says so rather than guess.
    public var tooSmall: Bool { read == nil }

    /// Why a plate with characters `height` px high is not read.
    public static func tooSmallReason(characterHeight height: Double) -> String {
        "characters about \(Int(height.rounded())) px high: too small to read reliably"
    }

    /// A finding: `read` nil for a plate too small to read, whose characters read as `guess`.
    public init(read: PlateRead?, box: Rect, characterHeight: Double, backgroundExtent: Double = 0, guess: PlateRead? = nil) {
        self.read = read
        self.box = box
        self.characterHeight = characterHeight
        self.backgroundExtent = backgroundExtent
        // A badge (`XDRIVE`, `ECO`) fits some formats by look-alikes, with no digit read.
        smallLooksLikePlate = guess.map { $0.text.count >= 4 && $0.rawText.contains(where: TextNormalization.isDigit) } ?? true
    }
}

/// A line of text the plate reader read, for tuning.
public struct PlateLine: Sendable, Equatable {
    /// Where it is, in image pixels.
    public var box: Rect
    /// What the recogniser read, every character with its alternatives.
    public var reading: RecognizedText
    /// The characters set aside as not on the plate's background (indices into `reading`).
    public var aside: Set<Int>
}

/// Reads licence plates: text lines in an area → lines that fit a configured plate pattern.
///
/// There is no plate detector that may ship (the ones on PyPI are AGPL), so plates are found as
/// text: every detected line, and neighbouring boxes on one line joined (plates are often
/// detected as two or three words), is read and kept when a pattern fits it; so are two lines one
/// above the other, as the rows of a two-line plate (`PlateRows.swift`).
public final class PlateReader {
    private let detector: TextDetector
    let recognizer: TextRecognizer
    /// A faster recogniser that reads every line first: only lines it reads as fitting a
    /// pattern go to `recognizer` (nil: `recognizer` reads every line).
    let screen: TextRecognizer?
    /// The formats accepted and the search under them.
    public var search: PlateSearch
    /// Characters shorter than this (pixels) are reported as too small instead of read.
    public var minimumCharacterHeight: Double
    /// The line being read, cut upright at the recogniser's height.
    let crop = PixelBuffer()
    /// Scratch for the background measure (`PlateBackground`).
    let surround = PixelBuffer()
    /// Every line read from the last image (for tuning).
    public internal(set) var lastLines: [PlateLine] = []

    /// A reader over a text detector and recogniser.
    public init(detector: TextDetector, recognizer: TextRecognizer, screen: TextRecognizer? = nil, search: PlateSearch,
                minimumCharacterHeight: Double = 15) {
        self.detector = detector
        self.recognizer = recognizer
        self.screen = screen
        self.search = search
        self.minimumCharacterHeight = minimumCharacterHeight
    }

    /// A reader over the OCR models in `folder` (as `ContainerCodeReader(modelsIn:)`): its text
    /// detector, and its plate recogniser (`plate_rec.onnx`), or the code recogniser where the
    /// folder has none.
    ///
    /// - Throws: `ModelError` naming the file that is missing or bad.
    public convenience init(modelsIn folder: String, patterns: [PlatePattern], engine: InferenceEngine) throws(ModelError) {
        let models = try OCRModels(folder: folder, engine: engine)
        try self.init(detector: models.detector, codeRecognizer: models.recognizer, folder: folder, patterns: patterns, engine: engine)
    }

    /// A reader that shares the text detector `codes` loaded, to be used on the same thread as
    /// it, with the plate recogniser of `folder` (the code reader's where the folder has none).
    ///
    /// - Throws: `ModelError` naming the plate recogniser's file when it cannot be loaded.
    public convenience init(sharingDetectorOf codes: ContainerCodeReader, modelsIn folder: String, patterns: [PlatePattern],
                            engine: InferenceEngine) throws(ModelError) {
        try self.init(detector: codes.detector, codeRecognizer: codes.recognizer, folder: folder, patterns: patterns, engine: engine)
    }

    /// `folder`'s plate recogniser screened by `codeRecognizer`, or `codeRecognizer` alone where
    /// the folder has none.
    private convenience init(detector: TextDetector, codeRecognizer: TextRecognizer, folder: String, patterns: [PlatePattern],
                             engine: InferenceEngine) throws(ModelError) {
        let plates = try OCRModels.plateRecognizer(folder: folder, engine: engine)
        self.init(detector: detector, recognizer: plates ?? codeRecognizer, screen: plates == nil ? nil : codeRecognizer,
                  search: PlateSearch(patterns: patterns))
    }

    /// The plates in `image` (BGR), or in `region` of it: sure reads first, then by confidence.
    /// Full-resolution tiles are read too when the whole view gives no confident plate and
    /// `thorough`.
    public func read(_ image: ImageView, region: Rect? = nil, thorough: Bool = true) throws -> [PlateFinding] {
        let area = region ?? Rect(x: 0, y: 0, width: image.width, height: image.height)
        lastLines = []
        var findings = try read(image, tiles: [area])
        let size = detector.settings.inputSize
        // A sure read is enough to stop; without a region no read is ever sure, and a confident
        // one is enough.
        let clear = findings.contains { finding in
            finding.read.map { search.regionChosen ? !$0.needsReview : $0.confidence >= search.minimumConfidence } ?? false
        }
        if thorough, !clear, DetectionPass.native.applies(to: area, inputSize: size) {
            findings = Self.merge(findings + (try read(image, tiles: DetectionPass.native.tiles(of: area, inputSize: size))))
        }
        return Self.questionPainted(findings)
    }

    private func read(_ image: ImageView, tiles: [Rect]) throws -> [PlateFinding] {
        var findings: [PlateFinding] = []
        let lines = Self.lines(try detector.detect(image, tiles: tiles, fullSquare: true))
        for line in lines {
            guard var finding = try read(image, line: line) else { continue }
            // A plate's end character can be outside the detected line (a district letter
            // beyond the seals): read the line again with a character more on each side. Wider,
            // the recogniser is less sure, so that read only questions this one.
            let widened = Self.widened(line)
            if var read = finding.read, !read.needsReview, let wider = try plateRead(image, line: widened, tightening: false),
               characterHeight(of: widened) >= minimumCharacterHeight, Self.questions(read, wider: wider) {
                read.reviewReasons.append("read a character wider, the line reads as \(wider.text)")
                finding.read = read
            }
            findings.append(finding)
        }
        for rows in Self.stacked(lines) {
            if let finding = try read(image, rows: rows) { findings.append(finding) }
        }
        return Self.merge(findings)
    }

    /// The finding in one line of text, nil when it is too thin or no pattern fits it.
    private func read(_ image: ImageView, line: RotatedBox) throws -> PlateFinding? {
        guard let read = try plateRead(image, line: line) else { return nil }
        let characterHeight = characterHeight(of: line)
        let extent = try PlateBackground.extent(image, line: line, characterHeight: characterHeight, cut: surround)
        let small = characterHeight < minimumCharacterHeight
        return PlateFinding(read: small ? nil : read, box: line.bounds(within: image.width, image.height),
                            characterHeight: characterHeight, backgroundExtent: extent, guess: small ? read : nil)
    }

    /// The plate read in one line of text, nil when it is too thin or no pattern fits it. The
    /// line is left in `crop`. Unless `tightening` is false, a line that fits no pattern, or that
    /// the screen turned away, is read again cut to its characters' rows (`tightened`).
    private func plateRead(_ image: ImageView, line: RotatedBox, tightening: Bool = true) throws -> PlateRead? {
        guard try cut(image, line) else { return nil }
        let screened = try passesScreen()
        if screened, let found = try recognise(image, line: line) { return found }
        guard tightening, let tight = Self.tightened(line, crop: crop.view), try cut(image, tight) else { return nil }
        // A line cut loosely can hold its characters too small for the faster recogniser as well.
        let found = try screened || passesScreen() ? try recognise(image, line: tight) : nil
        _ = try cut(image, line)
        return found
    }

    /// True when the faster recogniser reads `crop` as a plate, or nearly, or there is no faster
    /// one: the plate recogniser costs several times the code recogniser.
    private func passesScreen() throws -> Bool {
        guard let screen else { return true }
        return nearlyPlate(try screen.recognize(crop.view, fullWidth: true))
    }

    /// The plate the plate recogniser reads in `crop`, cut from `line`.
    private func recognise(_ image: ImageView, line: RotatedBox) throws -> PlateRead? {
        let reading = try recognizer.recognize(crop.view, fullWidth: true)
        let (aside, found) = plate(in: reading)
        lastLines.append(PlateLine(box: line.bounds(within: image.width, image.height), reading: reading, aside: aside))
        return found
    }

    /// `line`, cut upright into `crop`, narrowed across to `tightShare` times its characters'
    /// rows, around them; nil when it is about that already. A line cut much taller than its
    /// characters shrinks them in the recogniser's 48 rows, and a Chinese plate's province
    /// character, drawn narrower than the rest, is then often not read at all.
    static func tightened(_ line: RotatedBox, crop: ImageView) -> RotatedBox? {
        let band = CharacterHeight.band(in: crop)
        guard !band.isEmpty, Double(crop.height) > 1.2 * tightShare * Double(band.count) else { return nil }
        let across = min(line.width, line.height) / Double(crop.height)
        // Crop rows run from the long edge nearer the top of the image downwards.
        let radians = line.angle * .pi / 180
        var down = line.width >= line.height ? (x: -sin(radians), y: cos(radians)) : (x: cos(radians), y: sin(radians))
        if down.y < 0 { down = (x: -down.x, y: -down.y) }
        let shift = (Double(band.lowerBound + band.upperBound) / 2 - Double(crop.height) / 2) * across
        var tight = line
        tight.centerX += shift * down.x
        tight.centerY += shift * down.y
        let short = tightShare * Double(band.count) * across
        if line.width >= line.height { tight.height = short } else { tight.width = short }
        return tight
    }

    /// A tightened line's height across, in its characters' heights.
    static let tightShare = 1.25

    /// Cuts `line` upright into `crop`; false when it is too thin, or shorter than
    /// `minimumAspect` times its height.
    func cut(_ image: ImageView, _ line: RotatedBox, minimumAspect: Double = 1.5) throws -> Bool {
        let long = max(line.width, line.height), short = min(line.width, line.height)
        guard short >= 4, long >= minimumAspect * short else { return false }
        let width = max(8, Int((Double(recognizer.inputHeight) * long / short).rounded()))
        crop.reshape(width: min(width, 2 * recognizer.inputWidth), height: recognizer.inputHeight, channels: 3)
        try TextGeometry.crop(image, box: line, into: crop)
        return true
    }

    /// The height of the characters of `line`, cut into `crop`, in image pixels: the rows where
    /// the strokes are (`centred`: around the middle, for a row of a two-line plate).
    func characterHeight(of line: RotatedBox, centred: Bool = false) -> Double {
        min(line.width, line.height) * Double(CharacterHeight.rows(in: crop.view, centred: centred)) / Double(crop.height)
    }

    /// The plate in `reading` (of `crop`) without the characters that are not on the plate's
    /// background, or with them all where that leaves no plate: glare or dirt on a character
    /// changes its background's colour too. Also the characters set aside.
    private func plate(in reading: RecognizedText) -> (aside: Set<Int>, read: PlateRead?) {
        let (aside, kept) = onPlate(reading)
        if let read = search.search(kept) { return (aside, read) }
        guard !aside.isEmpty else { return ([], nil) }
        return ([], search.search(reading.characters.map(\.candidates)))
    }

    /// True when a pattern fits `reading` (of `crop`), with or without the characters off the
    /// plate's background, but for at most one character.
    private func nearlyPlate(_ reading: RecognizedText) -> Bool {
        let (aside, kept) = onPlate(reading)
        return search.nearlyFits(kept) || (!aside.isEmpty && search.nearlyFits(reading.characters.map(\.candidates)))
    }

    /// The characters of `reading` (of `crop`) that are not on the plate's background, and the
    /// candidates of the rest.
    func onPlate(_ reading: RecognizedText) -> (aside: Set<Int>, kept: [CharacterCandidates]) {
        let aside = PlateCharacterColours.offBackground(reading, crop: crop.view, resizedWidth: resizedWidth,
                                                        inputWidth: recognizer.inputWidth)
        return (aside, Self.kept(reading, aside: aside))
    }

    /// The shade around each character of `reading` (of `crop`).
    func shades(_ reading: RecognizedText) -> [PlateCharacterColours.Shade] {
        PlateCharacterColours.shades(reading, crop: crop.view, resizedWidth: resizedWidth, inputWidth: recognizer.inputWidth)
    }

    /// The candidates of `reading`'s characters but those `aside`.
    static func kept(_ reading: RecognizedText, aside: Set<Int>) -> [CharacterCandidates] {
        reading.characters.indices.filter { !aside.contains($0) }.map { reading.characters[$0].candidates }
    }

    /// The width `crop` takes in the recogniser's input.
    private var resizedWidth: Int {
        min(recognizer.inputWidth, Int((Double(recognizer.inputHeight) * Double(crop.width) / Double(crop.height)).rounded(.up)))
    }

    /// True when the read of a line a character `wider` at each end questions `read`: it adds
    /// characters at an end, and is at least `widerConfidence` sure. A wider read under that
    /// has read something doubtful beyond the plate's ends (the blue band's `D` read as a `B`
    /// at 74%: `BHBN6020` at 67% over `HBN6020`).
    static func questions(_ read: PlateRead, wider: PlateRead) -> Bool {
        extends(read.text, wider.text) && wider.confidence >= widerConfidence
    }

    /// How sure a wider read must be to question a sure read (`questions`).
    static let widerConfidence = 0.8

    /// True when `wider` is `text` with characters more at an end: what a read that missed an
    /// end character looks like read wider. A wider read that differs otherwise (shorter, or
    /// other characters where the band or a seal came in) says nothing about the read.
    static func extends(_ text: String, _ wider: String) -> Bool {
        wider.count > text.count && (wider.hasPrefix(text) || wider.hasSuffix(text))
    }

    /// `line` longer by about a character at each end and a little taller.
    static func widened(_ line: RotatedBox) -> RotatedBox {
        var wider = line
        let short = min(line.width, line.height)
        if line.width >= line.height {
            wider.width += 2 * short
            wider.height *= 1.1
        } else {
            wider.height += 2 * short
            wider.width *= 1.1
        }
        return wider
    }

    /// Each box, and runs of neighbouring boxes joined into one line: at least half as tall as
    /// each other, centred on the same row, and apart by less than a character or two.
    static func lines(_ boxes: [RotatedBox]) -> [RotatedBox] {
        let level = boxes.map(level).filter { abs($0.angle) < 30 }.sorted { left($0) < left($1) }
        var lines = boxes
        for (index, first) in level.enumerated() {
            var line = first
            for next in level[(index + 1)...] {
                guard onOneLine(line, next) else { continue }
                line = joined(line, next)
                lines.append(line)
            }
        }
        return lines
    }

    /// `box` upright, or, when it is nearly square, its bounds: the detector's angle for a short
    /// word (a German plate's `63` beyond the seals) is often far off (39 degrees on a level
    /// plate), and the word would be left out of the line.
    private static func level(_ box: RotatedBox) -> RotatedBox {
        guard max(box.width, box.height) < 1.5 * min(box.width, box.height) else { return upright(box) }
        var bounds = RotatedBox(box.bounds(within: Int.max, Int.max))
        bounds.score = box.score
        return bounds
    }

    /// True when `next` continues `line` to the right: at least half as tall (a detector's box
    /// round a short word is often tight, one round the letters loose), centred on the same row,
    /// and apart by less than a character or two.
    private static func onOneLine(_ line: RotatedBox, _ next: RotatedBox) -> Bool {
        let nextLeft: Double = next.centerX - next.width / 2
        let lineRight: Double = line.centerX + line.width / 2
        let gap: Double = nextLeft - lineRight
        let tall: Double = max(line.height, next.height)
        let short: Double = min(line.height, next.height)
        let rise: Double = abs(next.centerY - line.centerY)
        return gap < 1.5 * tall && gap > -0.5 * tall && short * 2 >= tall && rise < 0.5 * tall
    }

    /// The box around two upright boxes on one line.
    private static func joined(_ a: RotatedBox, _ b: RotatedBox) -> RotatedBox {
        let left = min(a.centerX - a.width / 2, b.centerX - b.width / 2), right = max(a.centerX + a.width / 2, b.centerX + b.width / 2)
        let top = min(a.centerY - a.height / 2, b.centerY - b.height / 2), bottom = max(a.centerY + a.height / 2, b.centerY + b.height / 2)
        let angle = a.width >= b.width ? a.angle : b.angle
        return RotatedBox(centerX: (left + right) / 2, centerY: (top + bottom) / 2, width: right - left,
                          height: max(a.height, b.height) + abs(a.centerY - b.centerY), angle: angle, score: min(a.score, b.score))
    }

    private static func left(_ box: RotatedBox) -> Double {
        box.centerX - box.width / 2
    }

    /// The same box with its long side along the angle, the angle within -45...45 degrees.
    static func upright(_ box: RotatedBox) -> RotatedBox {
        guard box.height > box.width else { return RotatedBox(centerX: box.centerX, centerY: box.centerY, width: box.width,
                                                               height: box.height, angle: RotatedBox.normalisedAngle(box.angle), score: box.score) }
        return RotatedBox(centerX: box.centerX, centerY: box.centerY, width: box.height, height: box.width,
                          angle: RotatedBox.normalisedAngle(box.angle + 90), score: box.score)
    }

    /// One finding per place: where findings overlap, the readable, surest and longest one. A
    /// sure read that is part of a longer line that also fits a pattern needs review: a plate
    /// with a character the OCR missed can fit a shorter format. Not when the longer reading is
    /// itself unsure (`questioningConfidence`): then the extra character is a seal or the
    /// frame's edge read as a letter or digit.
    static func merge(_ findings: [PlateFinding]) -> [PlateFinding] {
        let ranked = findings.sorted { rank($0) > rank($1) }
        var kept: [PlateFinding] = []
        for finding in ranked {
            guard let index = kept.firstIndex(where: { $0.box.mostlyOverlaps(finding.box) }) else {
                kept.append(finding)
                continue
            }
            if let longer = finding.read, var read = kept[index].read, longer.text.count > read.text.count,
               longer.text != read.text, !read.needsReview, longer.confidence >= questioningConfidence {
                read.reviewReasons.append("the same place also reads as \(longer.text) (\(PlateSearch.percent(longer.confidence)))")
                kept[index].read = read
            }
        }
        return kept
    }

    /// A longer reading of the same place questions a sure read only when this confident.
    static let questioningConfidence = 0.75

    /// Background reaching at least this far above and below the characters (character
    /// heights) is a painted surface.
    static let paintedExtent = 1.0
    /// Background ending within this (character heights) is a plate's.
    static let plateExtent = 0.5

    /// A sure read on a painted surface needs review where another finding of the same area
    /// that looks like a plate, sure or too small, sits on a plate: a fleet number painted on
    /// the vehicle can fit a plate format, and the plate beside it is the one to trust.
    static func questionPainted(_ findings: [PlateFinding]) -> [PlateFinding] {
        let plate = findings.contains { $0.backgroundExtent < plateExtent && $0.looksLikePlate }
        guard plate else { return findings }
        return findings.map { finding in
            guard var read = finding.read, !read.needsReview, finding.backgroundExtent >= paintedExtent else { return finding }
            read.reviewReasons.append("the text is painted on a wider surface, and a plate is seen beside it")
            var questioned = finding
            questioned.read = read
            return questioned
        }.sorted { rank($0) > rank($1) }
    }

    private static func rank(_ finding: PlateFinding) -> Double {
        guard let read = finding.read else { return -1 + finding.characterHeight / 1000 }
        return (read.needsReview ? 0 : 2) + read.confidence + Double(read.text.count) / 100
    }
}
