import CVBridge
import ContainerCode
import Detection
import Foundation
import Inference
import PixelCore
import Timing

/// A container code read from an image.
public struct ContainerCodeRead: Sendable, Equatable {
    /// The code (always valid: it passed the check digit, or the check digit was filled in).
    public var code: ContainerCodeValue
    /// The size and type code found next to it, if any (valid in the ISO 6346 table).
    public var sizeType: String?
    /// How sure the size and type code is (0...1), when there is one.
    public var sizeTypeConfidence: Double?
    /// Where the size and type code was found, in image pixels.
    public var sizeTypeBox: Rect?
    /// Where the owner, serial and check digit were found, when they were separate lines of text.
    public var groups: CodeGroupBoxes?
    /// The search's confidence, 0-1.
    public var confidence: Double
    /// True when a person should check it (check digit inferred, low confidence, weak check digit).
    public var needsReview: Bool
    /// True when the check digit was not seen and was computed from the other ten characters.
    public var checkDigitInferred: Bool
    /// Why it needs review.
    public var reasons: [String]
    /// Where the code is, in image pixels.
    public var box: Rect
    /// How well the read verifies the code: check digit seen, or matched to an expected container.
    public var level: VerificationLevel
    /// Positions (0...10) where the code differs from the characters the OCR read: repaired by
    /// the check digit, or corrected to an expected code.
    public var correctedPositions: [Int]
    /// True when the read would need no review without the expected list: the reader looks as
    /// far with a list as without, so a list never costs a scene its other codes.
    var sureWithoutList: Bool
    /// The confidence the read has without the expected list: what it weighs in a vote, where the
    /// list is counted once, on the votes.
    public var confidenceWithoutList: Double

    /// A read.
    public init(code: ContainerCodeValue, sizeType: String?, confidence: Double, needsReview: Bool,
                checkDigitInferred: Bool, reasons: [String], box: Rect,
                level: VerificationLevel? = nil, correctedPositions: [Int] = []) {
        self.code = code
        self.sizeType = sizeType
        self.confidence = confidence
        self.needsReview = needsReview
        self.checkDigitInferred = checkDigitInferred
        self.reasons = reasons
        self.box = box
        self.level = level ?? (checkDigitInferred ? .unverified : .checkDigit)
        self.correctedPositions = correctedPositions
        sureWithoutList = !needsReview && self.level != .expected
        confidenceWithoutList = confidence
    }
}

/// Where the reader spent its time on the last image.
public struct ReadTimings: Sendable, Equatable {
    /// Detector runs (whole view plus tiles).
    public var detectorRuns = 0
    /// Milliseconds in the detector (pre-processing, network, DB post-processing).
    public var detectorMs = 0.0
    /// Recogniser runs (one per text box).
    public var recognizerRuns = 0
    /// Milliseconds in cropping and the recogniser.
    public var recognizerMs = 0.0

    /// No time spent yet.
    public init() {}
}

/// Characters that may make a code, where they were read, and the fragments they came from
/// (which cannot also be its size/type).
struct CodeCandidate {
    var positions: [CharacterCandidates]
    var box: Rect
    var parts: [Rect]
    var groups: CodeGroupBoxes?
    /// Why it needs review whatever the search finds.
    var doubt: ReviewReason?
}

/// Reads ISO 6346 codes: text regions → lines with alternatives → fragments assembled by
/// geometry → the most likely valid code under the check digit.
public final class ContainerCodeReader {
    let detector: TextDetector
    let recognizer: TextRecognizer
    private var search = ContainerCodeSearch()
    private let crop = PixelBuffer()
    private let stackedText = StackedText()
    private let textRows = TextRows()
    private let turned = PixelBuffer()
    /// Where the time went on the last image.
    public private(set) var timings = ReadTimings()
    /// Every fragment read from the last image, pass after pass (for tuning; fragments of a
    /// turned view are in that view's pixels).
    public private(set) var lastFragments: [TextFragment] = []

    /// How far it looks.
    public let depth: ReadDepth

    /// The containers expected: a read that supports one is resolved to it at level 3.
    public var expected: ExpectedCodes {
        get { search.expected }
        set { search.expected = newValue }
    }

    /// A reader over a text detector and recogniser.
    public init(detector: TextDetector, recognizer: TextRecognizer, depth: ReadDepth = .thorough) {
        self.detector = detector
        self.recognizer = recognizer
        self.depth = depth
    }

    /// A reader over the OCR models in `folder` (`text_det.onnx`, `text_rec.onnx`,
    /// `text_rec_dict.txt`), as `scripts/get-models` installs them.
    ///
    /// - Throws: `ModelError` naming the file that is missing or bad.
    public convenience init(modelsIn folder: String, depth: ReadDepth, engine: InferenceEngine) throws(ModelError) {
        let models = try OCRModels(folder: folder, engine: engine)
        self.init(detector: models.detector, recognizer: models.recognizer, depth: depth)
    }

    /// The fragments of text found in `image` (BGR), or in `region` of it, by one detection pass.
    public func fragments(in image: ImageView, region: Rect? = nil, pass: DetectionPass = .whole) throws -> [TextFragment] {
        let area = region ?? Rect(x: 0, y: 0, width: image.width, height: image.height)
        return try fragments(in: image, tiles: pass.tiles(of: area, inputSize: detector.settings.inputSize))
    }

    /// The fragments of text found in `tiles` of `image`, except in boxes already `read`.
    private func fragments(in image: ImageView, tiles: [Rect], skipping read: [Rect] = []) throws -> [TextFragment] {
        var fragments: [TextFragment] = []
        let clock = ContinuousClock()
        let boxes = try textBoxes(in: image, tiles: tiles).filter { box in
            let bounds = box.bounds(within: image.width, image.height)
            return !read.contains { TextDetector.sameRegion($0, bounds) }
        }
        let recognizing = clock.now
        defer {
            timings.recognizerMs += (clock.now - recognizing).inMilliseconds
            lastFragments += fragments
        }
        for box in boxes {
            guard min(box.width, box.height) >= 4 else { continue }
            var reading = try recognize(image, box: box)
            var halfRound = false
            let bounds = box.bounds(within: image.width, image.height)
            if bounds.height > bounds.width, reading.confidence < 0.9 || reading.characters.count < 2 {
                // Text running up or down the image (a turned photo, a door-end post): which way
                // is up is unknown, so unless the first reading is sure the crop is read turned
                // half round too, and the surer reading wins.
                Self.turnHalfRound(crop)
                timings.recognizerRuns += 1
                let turned = try recognizer.recognize(crop.view)
                if turned.confidence > reading.confidence { (reading, halfRound) = (turned, true) }
            }
            var fragment = TextFragment(reading, box: box, bounds: bounds)
            if halfRound { fragment.positions = fragment.positions?.map { 1 - $0 } }
            if !fragment.characters.isEmpty { fragments.append(fragment) }
            if StackedText.isColumn(bounds), let (strip, span) = try stackedText.strip(of: image, box: box) {
                // Or upright characters stacked one above the other: read side by side as well,
                // and let assembly pick whichever reading makes a valid code.
                timings.recognizerRuns += 1
                var stacked = TextFragment(try recognizer.recognize(strip), box: RotatedBox(span), bounds: span)
                stacked.positions = nil
                if !stacked.characters.isEmpty { fragments.append(stacked) }
            }
        }
        return fragments
    }

    /// The text of `box` of `image`, cut along the box into `crop` (left there, for a second
    /// reading turned half round).
    private func recognize(_ image: ImageView, box: RotatedBox) throws -> RecognizedText {
        let long = max(box.width, box.height), short = min(box.width, box.height)
        let width = max(8, Int((Double(recognizer.inputHeight) * long / short).rounded()))
        crop.reshape(width: min(width, 4 * recognizer.inputWidth), height: recognizer.inputHeight, channels: 3)
        try TextGeometry.crop(image, box: box, into: crop)
        timings.recognizerRuns += 1
        return try recognizer.recognize(crop.view)
    }

    /// Rotates an image by 180 degrees in place.
    static func turnHalfRound(_ image: PixelBuffer) {
        let channels = image.channels, width = image.width, height = image.height
        let base = image.data.assumingMemoryBound(to: UInt8.self)
        for y in 0..<((height + 1) / 2) {
            let top = base + y * image.stride, bottom = base + (height - 1 - y) * image.stride
            let columns = y == height - 1 - y ? width / 2 : width
            for x in 0..<columns {
                for c in 0..<channels {
                    let a = x * channels + c, b = (width - 1 - x) * channels + c
                    let value = top[a]
                    top[a] = bottom[b]
                    bottom[b] = value
                }
            }
        }
    }

    /// Text boxes of one pass over `tiles`.
    private func textBoxes(in image: ImageView, tiles: [Rect]) throws -> [RotatedBox] {
        let clock = ContinuousClock()
        let start = clock.now
        defer { timings.detectorMs += (clock.now - start).inMilliseconds }
        timings.detectorRuns += tiles.count
        return try detector.detect(image, tiles: tiles)
    }

    /// The codes in `image` (BGR), or in `region` of it, most confident first. The passes run
    /// from coarse to fine, and each finer one (which costs more detector runs) only while no
    /// sure code has been read, as far as `depth` allows. When the whole view reads as text
    /// turned on its side (a photo taken with the phone turned), the area is turned a quarter and
    /// read again first.
    public func read(_ image: ImageView, region: Rect? = nil) throws -> [ContainerCodeRead] {
        timings = ReadTimings()
        lastFragments = []
        let area = region ?? Rect(x: 0, y: 0, width: image.width, height: image.height)
        let whole = try fragments(in: image, region: area, pass: .whole)
        var reads = Self.assemble(whole, search: search)
        if depth == .thorough, !Self.anySure(reads), Self.looksTurned(whole), let turned = try readTurned(image, area: area) {
            if Self.anySure(turned) { return Self.withoutShadowed(Self.contested(turned)) }
            reads += turned
        }
        return Self.withoutShadowed(Self.contested(try finerPasses(image, area: area, found: whole, reads: reads)))
    }

    /// `reads` with each sure read that lies over another sure read at least as confident, of a
    /// different code, left for review: one place holds one code, and the other is the same
    /// characters read with one changed (`MRRZ2595711` at 99.7% over `WRRZ2595711` at 100%) or
    /// a column read one character down. Two as sure both go to review.
    static func contested(_ reads: [ContainerCodeRead]) -> [ContainerCodeRead] {
        reads.map { read in
            guard !read.needsReview, let rival = reads.first(where: {
                !$0.needsReview && $0.code != read.code && $0.confidence >= read.confidence && $0.box.mostlyOverlaps(read.box)
            }) else { return read }
            var contested = read
            contested.question(.otherCodeInSamePlace(code: rival.code.string))
            return contested
        }
    }

    /// `reads` without the ones for review that lie over a sure one: other readings of the same
    /// characters (`IVDU6333716` under a sure `IVDU6333911`), which tell a person nothing more.
    static func withoutShadowed(_ reads: [ContainerCodeRead]) -> [ContainerCodeRead] {
        let sure = reads.filter { !$0.needsReview }
        return reads.filter { read in
            !read.needsReview || !sure.contains { $0.box.mostlyOverlaps(read.box) }
        }
    }

    /// True when some read would need no review without the expected list.
    static func anySure(_ reads: [ContainerCodeRead]) -> Bool {
        reads.contains(where: \.sureWithoutList)
    }

    /// The finer passes, while no sure code has been read or the last pass read several new
    /// codes.
    private func finerPasses(_ image: ImageView, area: Rect, found: [TextFragment], reads: [ContainerCodeRead]) throws -> [ContainerCodeRead] {
        var found = found, reads = reads, probedOwners: [Rect] = [], probedBlocks: [Rect] = [], probedStarts: [Rect] = []
        let size = detector.settings.inputSize
        func probe() throws {
            // Most photos hold a few short blocks (logos, single characters): their rows cost a
            // quick read about a fifth more time, so only a thorough read looks into them.
            let rows = depth == .thorough ? try blockProbes(image, found: found, reads: reads, skipping: &probedBlocks) : []
            if !rows.isEmpty {
                found += rows
                reads = Self.assemble(found, search: search)
            }
            let lines = try gridProbes(image, found: found, reads: reads, skipping: &probedOwners)
            if !lines.isEmpty {
                found += lines
                reads = Self.assemble(found, search: search)
            }
            let owners = try ownerStartProbes(image, found: found, reads: reads, skipping: &probedStarts)
            if !owners.isEmpty {
                found += owners
                reads = Self.assemble(found, search: search)
            }
            let probes = try checkDigitProbes(image, reads: reads)
            guard !probes.isEmpty else { return }
            found += probes
            reads = Self.assemble(found, search: search)
        }
        func add(_ tiles: [Rect]) throws {
            // A finer pass finds again what the coarser ones read: read only what is new (a
            // small line inside a large box read coarsely is new).
            let new = try fragments(in: image, tiles: tiles, skipping: found.map(\.bounds))
            guard !new.isEmpty else { return }
            found += new
            reads = Self.assemble(found, search: search)
            try probe()
        }
        try probe()
        // A scene where the last pass read several codes likely holds more, too small for it.
        var manyNew = reads.filter(\.sureWithoutList).count >= 2
        for pass in DetectionPass.allCases where pass != .whole && (!Self.anySure(reads) || manyNew) {
            guard pass.applies(to: area, inputSize: size), depth == .thorough || pass == .quarters else { continue }
            let before = Set(reads.map(\.code.string))
            try add(pass.tiles(of: area, inputSize: size))
            manyNew = reads.filter { !before.contains($0.code.string) }.count >= 2
        }
        return reads
    }

    /// The serial lines of door grids the detector missed: below each line that reads as an
    /// owner and category alone and is no code's part, the rows of ink are read one by one (a
    /// row that may be a boxed digit, `I6I`, is also kept as that digit). Owners in `probed` are
    /// not probed again; the new ones are added to it.
    private func gridProbes(_ image: ImageView, found: [TextFragment], reads: [ContainerCodeRead], skipping probed: inout [Rect]) throws -> [TextFragment] {
        var probes: [TextFragment] = []
        for owner in found where owner.isOwnerAlone && owner.bounds.width > owner.bounds.height {
            let bounds = owner.bounds, line = bounds.height
            guard line >= 8, !probed.contains(where: { TextDetector.sameRegion($0, bounds) }),
                  !reads.contains(where: { bounds.fractionInside($0.box) > 0.5 }) else { continue }
            probed.append(bounds)
            let x = max(0, bounds.x - bounds.width / 4), bottom = min(image.height, bounds.maxY + 4 * line)
            let region = Rect(x: x, y: bounds.maxY, width: min(image.width, bounds.maxX + bounds.width / 4) - x, height: bottom - bounds.maxY)
            for row in textRows.lines(in: image, region: region, height: line * 3 / 4) {
                let reading = try readRow(image, row, margin: line / 5)
                // `191` is a serial line or a boxed 9: keep both, the grid's places decide.
                if !reading.characters.isEmpty { probes.append(reading) }
                if reading.characters.count > 1, let digit = Self.boxedDigit(reading.characters) {
                    probes.append(TextFragment(characters: [digit], box: reading.box, bounds: reading.bounds))
                }
            }
        }
        return probes
    }

    /// The lines of blocks the detector boxed whole (a tight door grid read as one `8`): a box
    /// about as tall as wide, or taller, read as two characters or fewer and no code's part, is
    /// cut into its rows of ink and each is read. Blocks in `probed` are not read again.
    private func blockProbes(_ image: ImageView, found: [TextFragment], reads: [ContainerCodeRead], skipping probed: inout [Rect]) throws -> [TextFragment] {
        var probes: [TextFragment] = []
        for block in found where block.characters.count <= 2 {
            let bounds = block.bounds
            guard bounds.height >= 24, 5 * bounds.height >= 4 * bounds.width, !StackedText.isColumn(bounds),
                  !probed.contains(where: { TextDetector.sameRegion($0, bounds) }),
                  !reads.contains(where: { bounds.fractionInside($0.box) > 0.5 }) else { continue }
            probed.append(bounds)
            let rows = textRows.lines(in: image, region: bounds, height: max(6, bounds.height / 6))
            guard rows.count >= 2 else { continue }
            let readings = try rows.map { try readRow(image, $0, margin: $0.height / 5) }.filter { !$0.characters.isEmpty }
            // A grid starts with its owner line, in the block or right above it (found as a line
            // of its own, above the block or in its upper third); other blocks (a boxed check
            // digit, whose frame reads as rows) are left as they were read.
            let ownerAtTop = found.contains { line in
                line.isOwnerAlone && line.bounds.maxY <= bounds.y + max(line.bounds.height / 2, bounds.height / 3)
                    && bounds.y - line.bounds.maxY < line.bounds.height && line.bounds.x < bounds.maxX && bounds.x < line.bounds.maxX
            }
            if ownerAtTop || readings.contains(where: \.isOwnerAlone) { probes += readings }
        }
        return probes
    }

    /// Boxed check digits the detector missed: for a code whose check digit was not read, the
    /// place beside the end of its serial (and below a grid's) is read as one character.
    private func checkDigitProbes(_ image: ImageView, reads: [ContainerCodeRead]) throws -> [TextFragment] {
        var probes: [TextFragment] = []
        for read in reads where read.checkDigitInferred {
            guard let groups = read.groups else { continue }
            let line = min(groups.serial.height, groups.owner.height), serial = groups.serial
            guard line >= 8 else { continue }
            var places = [Rect(x: serial.maxX, y: serial.maxY - line - line / 4, width: 2 * line, height: 3 * line / 2)]
            if 2 * serial.height > 3 * line {
                places.append(Rect(x: serial.x, y: serial.maxY, width: max(serial.width, 2 * line), height: 3 * line / 2))
            }
            for place in places {
                if let digit = try probeDigit(image, place: place, line: line) { probes.append(digit) }
            }
        }
        return probes
    }

    /// Owner codes whose first letter the detector's box left out (`CWU` beside `6102651`): a
    /// line of text that starts with two letters and a category letter, and is no code's part,
    /// is read again with its box reaching a character further back. Lines in `probed` are not
    /// read again; the new ones are added to it.
    private func ownerStartProbes(_ image: ImageView, found: [TextFragment], reads: [ContainerCodeRead], skipping probed: inout [Rect]) throws -> [TextFragment] {
        var probes: [TextFragment] = []
        for line in found where Self.lacksOwnerStart(line.characters) {
            let bounds = line.bounds
            guard bounds.width > bounds.height, !probed.contains(where: { TextDetector.sameRegion($0, bounds) }),
                  !reads.contains(where: { bounds.fractionInside($0.box) > 0.5 }),
                  let longer = Self.reachingBack(line.box) else { continue }
            probed.append(bounds)
            let reading = TextFragment(try recognize(image, box: longer), box: longer, bounds: longer.bounds(within: image.width, image.height))
            lastFragments.append(reading)
            if reading.characters.count > line.characters.count { probes.append(reading) }
        }
        return probes
    }

    /// True when `characters` start with two letters and a category letter, then digits or
    /// nothing: an owner code one letter short.
    static func lacksOwnerStart(_ characters: [CharacterCandidates]) -> Bool {
        guard characters.count >= 3, characters.prefix(2).allSatisfy({ $0.best?.character.isLetter == true }),
              let category = characters[2].best?.character, "UJZ".contains(category) else { return false }
        return characters.count == 3 || characters[3].best?.character.isNumber == true
    }

    /// `box`, a line running across the image, longer by about a character at its start (its
    /// left); nil for a line running up or down.
    static func reachingBack(_ box: RotatedBox) -> RotatedBox? {
        let radians = box.angle * .pi / 180
        var along = box.width >= box.height ? (x: cos(radians), y: sin(radians)) : (x: -sin(radians), y: cos(radians))
        guard abs(along.x) > abs(along.y) else { return nil }
        if along.x < 0 { along = (x: -along.x, y: -along.y) }
        let extra = 0.9 * min(box.width, box.height)
        var longer = box
        longer.centerX -= along.x * extra / 2
        longer.centerY -= along.y * extra / 2
        if box.width >= box.height { longer.width += extra } else { longer.height += extra }
        return longer
    }

    /// The one digit read at `place` of `image` (clipped to it); nil when the place is smaller
    /// than `line` or reads as something else.
    private func probeDigit(_ image: ImageView, place: Rect, line: Int) throws -> TextFragment? {
        let x = max(0, place.x), y = max(0, place.y)
        let bounds = Rect(x: x, y: y, width: min(image.width, place.maxX) - x, height: min(image.height, place.maxY) - y)
        guard bounds.width >= line, bounds.height >= line else { return nil }
        var reading = try readUpright(image, bounds)
        if reading.characters.isEmpty, bounds.x >= line / 2 {
            // A digit at the crop's very edge is often not read at all: read it again with blank
            // space before it, the place's first column repeated.
            let margin = line / 2
            reading = try readUpright(image, Rect(x: bounds.x - margin, y: bounds.y, width: bounds.width + margin, height: bounds.height),
                                      blankLeft: margin)
        }
        return Self.boxedDigit(reading.characters).map { TextFragment(characters: [$0], box: RotatedBox(bounds), bounds: bounds) }
    }

    /// The text read in a row of ink found in `image`, with `margin` pixels above and below.
    private func readRow(_ image: ImageView, _ row: Rect, margin: Int) throws -> TextFragment {
        let top = max(0, row.y - margin)
        let place = Rect(x: row.x, y: top, width: row.width, height: min(image.height, row.maxY + margin) - top)
        let reading = try readUpright(image, place)
        lastFragments.append(reading)
        return reading
    }

    /// The text read in `place` of `image`, cut out as it stands (a place the reader chose, not
    /// a box the detector found). The first `blankLeft` image pixels of the cut are covered with
    /// the column after them.
    private func readUpright(_ image: ImageView, _ place: Rect, blankLeft: Int = 0) throws -> TextFragment {
        let box = RotatedBox(place)
        crop.reshape(width: max(8, recognizer.inputHeight * place.width / max(1, place.height)), height: recognizer.inputHeight, channels: 3)
        try TextGeometry.crop(image, box: box, keepOrientation: true, into: crop)
        let blank = min(crop.width - 1, blankLeft * crop.width / max(1, place.width))
        if blank > 0 {
            for y in 0..<crop.height {
                let row = crop.data.assumingMemoryBound(to: UInt8.self) + y * crop.stride
                for x in 0..<blank { for c in 0..<3 { row[x * 3 + c] = row[blank * 3 + c] } }
            }
        }
        timings.recognizerRuns += 1
        return TextFragment(try recognizer.recognize(crop.view), box: box, bounds: place)
    }

    /// The digit of a boxed check digit's reading: the one character, or the middle of three
    /// when the box's sides were read as strokes (`I0I`, `101`).
    static func boxedDigit(_ characters: [CharacterCandidates]) -> CharacterCandidates? {
        let strokes: Set<Character> = ["I", "1", "L", "J"]
        let digit: CharacterCandidates
        switch characters.count {
        case 1: digit = characters[0]
        case 3 where [characters[0], characters[2]].allSatisfy({ $0.best.map { strokes.contains($0.character) } == true }): digit = characters[1]
        default: return nil
        }
        return digit.best?.character.isNumber == true ? digit : nil
    }

    /// True when most lines of text read in the view run up or down the image.
    static func looksTurned(_ fragments: [TextFragment]) -> Bool {
        let lines = fragments.filter { $0.characters.count >= 3 }
        let upright = lines.filter { $0.bounds.height > $0.bounds.width * 3 / 2 }
        return upright.count >= 2 && upright.count * 3 >= lines.count * 2
    }

    /// Reads `area` turned a quarter each way, keeps the way whose whole view reads better, runs
    /// the finer passes on it, and returns its codes in the image's own pixels; nil when neither
    /// way reads any line of text.
    private func readTurned(_ image: ImageView, area: Rect) throws -> [ContainerCodeRead]? {
        var best: (turn: QuarterTurn, fragments: [TextFragment], score: Double)?
        for turn in QuarterTurn.allCases {
            turn.turn(image, area: area, into: turned)
            let found = try fragments(in: turned.view, pass: .whole)
            let score = found.filter { $0.bounds.width >= $0.bounds.height }
                .reduce(0.0) { $0 + $1.characters.reduce(0.0) { $0 + ($1.best?.probability ?? 0) } }
            if score > (best?.score ?? 0) { best = (turn, found, score) }
        }
        guard let best else { return nil }
        best.turn.turn(image, area: area, into: turned)
        let view = turned.view, full = Rect(x: 0, y: 0, width: view.width, height: view.height)
        let reads = try finerPasses(view, area: full, found: best.fragments, reads: Self.assemble(best.fragments, search: search))
        return reads.map { read in
            var read = read
            read.box = best.turn.original(of: read.box, area: area)
            read.sizeTypeBox = read.sizeTypeBox.map { best.turn.original(of: $0, area: area) }
            read.groups = read.groups?.mapped { best.turn.original(of: $0, area: area) }
            return read
        }
    }

    /// Builds codes from fragments: whole codes inside one fragment, and owner + category joined
    /// to a serial on the same line or the line below, with a lone check digit beside it.
    public static func assemble(_ fragments: [TextFragment], search: ContainerCodeSearch = ContainerCodeSearch()) -> [ContainerCodeRead] {
        var candidates: [CodeCandidate] = []
        for fragment in fragments + columns(fragments) {
            let chars = fragment.characters
            for length in [11, 10] where chars.count >= length {
                for start in 0...(chars.count - length) {
                    // In a column of stacked characters the code is the column: a window that
                    // starts after a letter is the code shifted by one, its category taken from
                    // a serial digit.
                    if fragment.positions == nil, start > 0, chars[start - 1].best?.character.isLetter == true { continue }
                    let window = chars[start..<(start + length)]
                    if CharacterShape.ownerAndCategory(window.prefix(4)), CharacterShape.serial(window.dropFirst(4)) {
                        let shifted = fragment.positions == nil && window[start + 3].best?.character.isNumber == true
                        candidates.append(CodeCandidate(positions: Array(window), box: fragment.bounds, parts: [fragment.bounds],
                                                        groups: groups(of: fragment, from: start, length: length),
                                                        doubt: shifted ? .categoryReadAsDigit : nil))
                        // The line ends with the serial, and a boxed check digit stands alone beside it
                        // (not in a column, whose check digit is one of its pieces: `columns`).
                        if length == 10, start + length == chars.count, fragment.positions != nil, fragment.bounds.width > fragment.bounds.height,
                           let check = loneCheckDigits(in: fragments, where: { besideOnLine($0, fragment.bounds) }).first {
                            var groups = groups(of: fragment, from: start, length: length)
                            groups?.checkDigit = check.bounds
                            candidates.append(CodeCandidate(positions: Array(window) + [check.characters[0]], box: fragment.bounds.union(check.bounds),
                                                            parts: [fragment.bounds, check.bounds], groups: groups))
                        }
                    }
                }
            }
        }
        // A column of stacked characters is joined only to its own pieces (`columns`): beside a
        // line, its box's height would pass for the line's.
        let lines = fragments.filter { !$0.isStackedColumn }
        for owner in lines {
            guard owner.characters.count >= 4, CharacterShape.ownerAndCategory(owner.characters.suffix(4)) else { continue }
            for serial in lines where serial != owner && follows(serial.bounds, owner.bounds) {
                let digits = serial.characters.prefix { CharacterShape.digitish($0) }
                guard digits.count >= 6, CharacterShape.serial(digits.prefix(7)) else { continue }
                var positions = Array(owner.characters.suffix(4)) + Array(digits.prefix(7))
                var box = owner.bounds.union(serial.bounds), parts = [owner.bounds, serial.bounds]
                var groups = CodeGroupBoxes(owner: owner.bounds, serial: serial.bounds)
                if digits.count == 6, let check = fragments.first(where: {
                    $0.characters.count == 1 && CharacterShape.digitish($0.characters[0]) && besideOnLine($0.bounds, serial.bounds)
                }) {
                    positions.append(check.characters[0])
                    box = box.union(check.bounds)
                    parts.append(check.bounds)
                    groups.checkDigit = check.bounds
                }
                candidates.append(CodeCandidate(positions: positions, box: box, parts: parts, groups: groups))
            }
            candidates += grid(below: owner, owner: owner.characters.suffix(4), in: fragments)
        }
        // A grid's first line may carry the size/type code beside the owner (`MSKU 45G1`).
        for owner in fragments where owner.characters.count > 4 && CharacterShape.ownerAndCategory(owner.characters.prefix(4)) {
            candidates += grid(below: owner, owner: owner.characters.prefix(4), in: fragments)
        }
        var reads: [String: ContainerCodeRead] = [:]
        for candidate in candidates {
            guard let result = try? search.search(candidate.positions) else { continue }
            let sizeType = sizeType(near: candidate.box, in: fragments.filter { !candidate.parts.contains($0.bounds) })
            var read = ContainerCodeRead(
                code: result.code, sizeType: sizeType?.read.code.code, confidence: result.confidence,
                needsReview: result.needsReview, checkDigitInferred: result.checkDigitInferred,
                reasons: result.reviewReasons.map(\.description), box: candidate.box,
                level: result.level, correctedPositions: result.correctedPositions)
            read.sizeTypeConfidence = sizeType?.read.confidence
            read.sizeTypeBox = sizeType?.box
            read.groups = candidate.groups
            if let match = result.expectedMatch {
                read.sureWithoutList = !result.checkDigitInferred && match.readingConfidence >= search.minimumConfidence
                read.confidenceWithoutList = match.readingConfidence
            }
            if let doubt = candidate.doubt { read.question(doubt) }
            let key = result.code.string
            if let existing = reads[key], candidate.doubt != nil, !existing.needsReview { continue }
            if let existing = reads[key], existing.level >= read.level,
               existing.confidence >= read.confidence && !existing.checkDigitInferred { continue }
            reads[key] = read
        }
        return reads.values.sorted { ($0.needsReview ? 1 : 0, -$0.confidence) < ($1.needsReview ? 1 : 0, -$1.confidence) }
    }

    /// Codes painted as a grid, as on many doors: the owner and category over the serial split
    /// on two lines (3 + 3 digits, or 4 + 2), and the check digit beside the last digits or
    /// alone on the line below them. Joining lines gives the search more freedom than one line
    /// does, so each part must read as digits only, stand on its own (not be a piece of a longer
    /// line read again by a finer pass) and sit under the line above it at its size.
    static func grid(below owner: TextFragment, owner letters: ArraySlice<CharacterCandidates>, in fragments: [TextFragment])
        -> [CodeCandidate] {
        func digits(_ fragment: TextFragment) -> [CharacterCandidates]? {
            // A line of its height over it with more characters is the same line read again, so
            // this is no line of its own; a box much taller is the whole grid boxed as one block,
            // which says nothing of its lines.
            guard fragment.characters.allSatisfy({ $0.best?.character.isNumber == true }),
                  !fragments.contains(where: {
                      $0.characters.count > fragment.characters.count && fragment.bounds.fractionInside($0.bounds) > 0.5
                          && 2 * $0.bounds.height <= 3 * fragment.bounds.height
                  })
            else { return nil }
            return fragment.characters
        }
        func stacked(_ lower: Rect, under upper: Rect) -> Bool {
            let overlap = min(lower.maxX, upper.maxX) - max(lower.x, upper.x)
            return below(lower, upper) && 2 * overlap >= min(lower.width, upper.width)
                && 2 * lower.height >= upper.height && lower.height <= 2 * upper.height
        }
        // The next line down: no line of text between them (a grid does not skip its serial's
        // first line to take the size/type below for its second).
        func next(_ lower: TextFragment, under upper: TextFragment) -> Bool {
            stacked(lower.bounds, under: upper.bounds) && !fragments.contains { between in
                between != lower && between != upper && stacked(between.bounds, under: upper.bounds) && below(lower.bounds, between.bounds)
            }
        }
        var found: [CodeCandidate] = []
        for first in fragments where first != owner && next(first, under: owner) {
            guard let top = digits(first), (3...4).contains(top.count) else { continue }
            for second in fragments where second != first && second != owner && next(second, under: first) {
                guard let rest = digits(second), (6...7).contains(top.count + rest.count) else { continue }
                let positions = Array(letters) + top + rest
                let box = owner.bounds.union(first.bounds).union(second.bounds)
                let parts = [owner.bounds, first.bounds, second.bounds]
                let groups = CodeGroupBoxes(owner: owner.bounds, serial: first.bounds.union(second.bounds))
                // Each digit standing alone where the check digit goes (the detector's reading of
                // the box and a probe's may differ): the search weighs them.
                let checks = positions.count == 10
                    ? loneCheckDigits(in: fragments, where: { besideOnLine($0, second.bounds) || stacked($0, under: second.bounds) }) : []
                if checks.isEmpty { found.append(CodeCandidate(positions: positions, box: box, parts: parts, groups: groups)) }
                for check in checks {
                    var checked = groups
                    checked.checkDigit = check.bounds
                    found.append(CodeCandidate(positions: positions + [check.characters[0]], box: box.union(check.bounds),
                                               parts: parts + [check.bounds], groups: checked))
                }
            }
        }
        return found
    }

    /// The pieces of each column of stacked characters joined top to bottom, where there are
    /// several: the detector often splits a code painted down a post (at a cable, a seam, the
    /// boxed check digit), so that the owner's first letter or the check digit stands alone.
    /// A piece is a column read as stacked characters, or a single character. Pieces may overlap
    /// by a character or more (boxes cut across a character: `RBQU06280` over `047`): the
    /// characters both read are counted once, their alternatives averaged.
    static func columns(_ fragments: [TextFragment]) -> [TextFragment] {
        let pieces = fragments.filter { $0.positions == nil || $0.characters.count == 1 }.sorted { $0.bounds.y < $1.bounds.y }
        func characterHeight(_ piece: TextFragment) -> Int { piece.bounds.height / max(1, piece.characters.count) }
        func next(after piece: TextFragment) -> TextFragment? {
            let height = characterHeight(piece), gap = height / 2  // more, and a character may be missing between them
            return pieces.first { other in
                let overlap = min(other.bounds.maxX, piece.bounds.maxX) - max(other.bounds.x, piece.bounds.x)
                let starts = other.bounds.y >= piece.bounds.maxY - height / 2
                    || (other.bounds.y >= piece.bounds.y + height && other.bounds.maxY >= piece.bounds.maxY + height / 2)
                return starts && other.bounds.y <= piece.bounds.maxY + gap
                    && 2 * overlap >= min(other.bounds.width, piece.bounds.width)
                    && abs(characterHeight(other) - height) * 2 <= max(characterHeight(other), height)
            }
        }
        var joined: [TextFragment] = []
        var used = Set<Rect>()
        for start in pieces where !used.contains(start.bounds) {
            var chain = [start]
            var characters = start.characters
            while chain.count < 12, let following = next(after: chain[chain.count - 1]) {
                let previous = chain[chain.count - 1]
                // How many of the next piece's characters lie inside the previous piece.
                let shared = min(following.characters.count - 1, characters.count,
                                 max(0, Int((Double(previous.bounds.maxY - following.bounds.y) / Double(max(1, characterHeight(following)))).rounded())))
                for index in 0..<shared {
                    let position = characters.count - shared + index
                    characters[position] = averaged(characters[position], following.characters[index])
                }
                characters += following.characters.dropFirst(shared)
                chain.append(following)
                used.insert(following.bounds)
            }
            guard chain.count > 1, characters.count >= 10 else { continue }
            let bounds = chain.dropFirst().reduce(start.bounds) { $0.union($1.bounds) }
            joined.append(TextFragment(characters: characters, box: start.box, bounds: bounds))
        }
        return joined
    }

    /// One position read twice: each character's probability is the mean of its two readings.
    static func averaged(_ a: CharacterCandidates, _ b: CharacterCandidates) -> CharacterCandidates {
        var probability: [Character: Double] = [:]
        for candidate in a.candidates + b.candidates { probability[candidate.character, default: 0] += candidate.probability / 2 }
        // Ties in character order, so that a read does not change from one run to the next.
        return CharacterCandidates(probability.map { Candidate($0.key, $0.value) }
            .sorted { ($0.probability, $1.character) > ($1.probability, $0.character) })
    }

    /// The fragments that are a single digit (or a letter that looks like one) placed as
    /// `placed` says.
    static func loneCheckDigits(in fragments: [TextFragment], where placed: (Rect) -> Bool) -> [TextFragment] {
        fragments.filter {
            $0.characters.count == 1 && $0.characters[0].best.map { $0.character.isNumber || CharacterShape.digitLike.contains($0.character) } == true
                && placed($0.bounds)
        }
    }

    /// True when `next` is on the line below `first` and overlaps it sideways. The middles are
    /// compared: the detector's boxes of two close lines often overlap.
    static func below(_ next: Rect, _ first: Rect) -> Bool {
        2 * (next.y - first.y) + next.height - first.height >= min(first.height, next.height) && next.y <= first.maxY + first.height
            && next.x < first.maxX && next.maxX > first.x - first.height
    }

    /// Where the owner, serial and check digit of the code at `start..<start + length` of one
    /// fragment sit, split midway between the characters' centres along the line.
    static func groups(of fragment: TextFragment, from start: Int, length: Int) -> CodeGroupBoxes? {
        guard let positions = fragment.positions, positions.count == fragment.characters.count else { return nil }
        let p = Array(positions[start..<(start + length)])
        let half = (p[length - 1] - p[0]) / Double(2 * (length - 1))
        func span(_ from: Double, _ to: Double) -> Rect { fragment.box.span(from: max(0, from), to: min(1, to), clippedTo: fragment.bounds) }
        let ownerEnd = (p[3] + p[4]) / 2
        let serialEnd = length == 11 ? (p[9] + p[10]) / 2 : p[9] + half
        return CodeGroupBoxes(owner: span(p[0] - half, ownerEnd), serial: span(ownerEnd, serialEnd),
                              checkDigit: length == 11 ? span(serialEnd, p[10] + half) : nil)
    }

    /// True when `next` continues `first`: to its right on the same line, on the line below, or
    /// (text running up or down a turned photo) just above or below it in the same column.
    static func follows(_ next: Rect, _ first: Rect) -> Bool {
        besideOnLine(next, first) || below(next, first) || sameColumn(next, first)
    }

    /// Two tall boxes of one column of turned text, with at most two text heights between them.
    static func sameColumn(_ a: Rect, _ b: Rect) -> Bool {
        guard a.height > a.width, b.height > b.width else { return false }
        let overlap = min(a.maxX, b.maxX) - max(a.x, b.x)
        let gap = max(a.y, b.y) - min(a.maxY, b.maxY)
        return overlap * 2 >= min(a.width, b.width) && gap <= 2 * max(a.width, b.width)
    }

    /// True when `right` starts right of `left` on the same text line, within a few character heights.
    static func besideOnLine(_ right: Rect, _ left: Rect) -> Bool {
        let leftMid = left.y + left.height / 2, rightMid = right.y + right.height / 2
        return abs(leftMid - rightMid) < max(left.height, right.height) * 2 / 3
            && right.x >= left.maxX - left.height / 2 && right.x <= left.maxX + 3 * left.height
    }

    /// The most probable valid size/type code among the four-character fragments near `box`, the
    /// nearest first, with where it was found. A painted size/type code has a letter for its type
    /// and at least two digits (`45G1`, `L5G1`): a number (`3860` kg) or four letters that happen
    /// to fit the table (`DFS1`) are not one. A reading no surer than its alternatives together
    /// (confidence below a half) is left out rather than guessed.
    static func sizeType(near box: Rect, in fragments: [TextFragment]) -> (read: SizeTypeRead, box: Rect)? {
        let near = fragments.filter { fragment in
            fragment.characters.count == 4 && abs(fragment.bounds.y - box.maxY) < 3 * max(fragment.bounds.height, 8) + box.height
                && fragment.text.contains(where: \.isLetter)
        }
        let reads = near.compactMap { fragment -> (read: SizeTypeRead, box: Rect)? in
            guard let read = SizeTypeSearch.search(fragment.characters), read.confidence >= 0.5,
                  read.code.code.filter(\.isNumber).count >= 2 else { return nil }
            return (read, fragment.bounds)
        }
        return reads.min { abs($0.box.y - box.y) < abs($1.box.y - box.y) }
    }
}

extension ContainerCodeRead {
    /// The read, marked for review with the reason when its level is below `minimum`: the lowest
    /// level announced as identified.
    public func requiring(_ minimum: VerificationLevel) -> ContainerCodeRead {
        guard level < minimum else { return self }
        var read = self
        read.question(.levelBelowMinimum(level, minimum: minimum))
        return read
    }

    /// Marks the read for review with `reason`, with or without the expected list.
    mutating func question(_ reason: ReviewReason) {
        needsReview = true
        sureWithoutList = false
        reasons.append(reason.description)
    }
}
