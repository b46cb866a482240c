import CVBridge
import ContainerCode
import PixelCore

/// A piece of text found on an image: its characters with alternatives, and where it is.
public struct TextFragment: Sendable, Equatable {
    /// Letters and digits only, upper case, with their alternatives.
    public var characters: [CharacterCandidates]
    /// The region it was read from.
    public var box: RotatedBox
    /// Axis-aligned bounds of the region in image pixels.
    public var bounds: Rect
    /// Where each character's centre sits along `box` in reading order, as a share of its length
    /// (0...1); nil when the crop was not laid out along the box (stacked characters).
    public var positions: [Double]?

    /// True when it was read as upright characters stacked down a column.
    var isStackedColumn: Bool { positions == nil && characters.count > 1 && StackedText.isColumn(bounds) }

    /// True when it reads as an owner code and category alone (`VUYU`): a door grid's first line.
    var isOwnerAlone: Bool { characters.count == 4 && CharacterShape.ownerAndCategory(characters[...]) }

    /// The best reading.
    public var text: String { String(characters.compactMap { $0.best?.character }) }

    /// Keeps the letters and digits of a recognised line, upper-cased, with alphanumeric alternatives only.
    public init(_ recognized: RecognizedText, box: RotatedBox, bounds: Rect) {
        var positions: [Double] = []
        characters = recognized.characters.compactMap { character in
            let kept = character.candidates.candidates.compactMap { candidate -> Candidate? in
                // Some letters upper-case to two (ß to SS): those are no code's character.
                let uppercased = candidate.character.uppercased()
                guard uppercased.count == 1, let upper = uppercased.first, upper.isASCII, upper.isLetter || upper.isNumber else { return nil }
                return Candidate(upper, candidate.probability)
            }
            // A space or punctuation is dropped; a character read as some other script's letter
            // (a Z taken for a CJK glyph) keeps its Latin alternatives.
            guard let best = character.candidates.best, !kept.isEmpty,
                  !best.character.isASCII || best.character.isLetter || best.character.isNumber else { return nil }
            positions.append(recognized.centre(of: character))
            return CharacterCandidates(kept)
        }
        self.box = box
        self.bounds = bounds
        self.positions = positions
    }

    /// Creates a fragment from parts (tests, assembly).
    public init(characters: [CharacterCandidates], box: RotatedBox, bounds: Rect) {
        self.characters = characters
        self.box = box
        self.bounds = bounds
    }
}

/// Which characters can stand for a letter or a digit, counting the usual OCR confusions.
enum CharacterShape {
    static let digitLike: Set<Character> = ["O", "D", "Q", "I", "L", "B", "S", "Z", "G", "A", "T"]
    static let letterLike: Set<Character> = ["0", "1", "8", "5", "2", "6", "4", "7"]

    static func letterish(_ candidates: CharacterCandidates) -> Bool {
        candidates.candidates.contains { $0.character.isLetter || letterLike.contains($0.character) }
    }

    static func digitish(_ candidates: CharacterCandidates) -> Bool {
        candidates.candidates.contains { $0.character.isNumber || digitLike.contains($0.character) }
    }

    static func categoryish(_ candidates: CharacterCandidates) -> Bool {
        candidates.candidates.contains { "UJZ2".contains($0.character) }
    }

    /// True when `characters` could be owner (3 letters) + category (U, J, Z), with at least
    /// three real letters among the best readings: confusions may repair one, not invent a code.
    static func ownerAndCategory(_ characters: ArraySlice<CharacterCandidates>) -> Bool {
        characters.count == 4 && characters.prefix(3).allSatisfy(letterish) && categoryish(characters.last!)
            && characters.filter { $0.best?.character.isLetter == true }.count >= 3
    }

    /// True when `characters` could be a serial (and check digit), with at most one best reading
    /// that is not a digit.
    static func serial(_ characters: ArraySlice<CharacterCandidates>) -> Bool {
        characters.allSatisfy(digitish) && characters.filter { $0.best?.character.isNumber != true }.count <= 1
    }
}
