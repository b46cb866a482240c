import ContainerCode

/// Finds the most probable plate text that a set of patterns allows, from per-character OCR
/// candidates.
///
/// Each position is constrained to its class in every layout of every pattern. A candidate of
/// the other class counts as its look-alike (`0`/`O`, `8`/`B`, ...) at `confusionPenalty` times
/// its probability; characters the OCR did not list get `unlistedFloor`. The confidence is the best
/// text's share of every text its layout allows, times its share of the best texts of every
/// layout: two patterns that make different texts equally well halve it.
public struct PlateSearch: Sendable, Hashable {
    /// The formats accepted.
    public var patterns: [PlatePattern]
    /// Multiplier on a candidate that only fits its position as a look-alike. Lower than the
    /// container search's 0.5: a plate has no check digit to catch a look-alike that makes a
    /// rival pattern fit, so the OCR's own reading must weigh more.
    public var confusionPenalty = 0.03
    /// Reads with fewer characters need review: short texts on a vehicle are more often badges
    /// (GTI, V8) than plates.
    public var minimumLength = 4
    /// More characters resolved to a look-alike than this make a read need review: text that
    /// fits a format only by changing several characters is likely something else (the weights
    /// painted on a container door fit French plates that way).
    public var maximumLookAlikes = 1
    /// A position inside the line whose characters have less probability than this (the rest
    /// is on marks and separators) may be a mark on the plate, not a character.
    public var maximumMarkListed = 0.6
    /// Probability given to a character of the class that the OCR did not list.
    public var unlistedFloor = 1e-4
    /// A read that fits only without an end character the OCR read with more probability than
    /// this needs review.
    public var maximumLeftOut = 0.9
    /// Reads below this confidence need review.
    public var minimumConfidence = 0.85

    /// False when the patterns are every preset because the site named none: then reads of one
    /// region's format fit another's (a German read of a fleet number), so none is sure.
    public var regionChosen: Bool

    /// A search over `patterns`; `regionChosen` false makes every read need review.
    public init(patterns: [PlatePattern], regionChosen: Bool = true) {
        self.patterns = patterns
        self.regionChosen = regionChosen
    }

    /// Characters that only separate groups on a plate; a position read mostly as one is dropped.
    public static let separators: Set<Character> = [" ", "-", ".", "·", "•", ":", "_", "|", "。", "：", "，", ",", "、", "'", "`", "=", "~"]

    /// The best plate for a line read by the OCR, or nil when no pattern fits it.
    ///
    /// A character at either end of the line may not be the plate's (the letter of an EU band,
    /// a screw, the frame's edge): the line without it is tried too, weighed by how unsure the
    /// OCR was of that character, and counts as a rival reading.
    public func search(_ positions: [CharacterCandidates]) -> PlateRead? {
        let line = Self.characters(of: positions)
        guard !line.isEmpty else { return nil }
        var variants: [(line: ArraySlice<CharacterCandidates>, weight: Double)] = [(line[...], 1)]
        if line.count > minimumLength, let first = line.first?.best, let last = line.last?.best {
            variants.append((line.dropFirst(), 1 - first.probability))
            variants.append((line.dropLast(), 1 - last.probability))
            // A mark inside the plate (Germany's seals) is read as a character the OCR is
            // unsure of, with much of its probability on marks: the line without it, too.
            for index in line.indices.dropFirst().dropLast() {
                let listed = line[index].candidates.reduce(0) { $0 + $1.probability }
                guard listed < maximumMarkListed else { continue }
                variants.append((line[..<index] + line[(index + 1)...], 1 - listed))
            }
        }
        // The best text of each layout, once per text: the most probable layout that gives it.
        var texts: [[Character]: LayoutBest] = [:]
        for (variant, weight) in variants where weight > 0 {
            let raw = variant.map { $0.best?.character ?? "?" }
            var counted = Set<[PlateCharacterClass]>()
            for pattern in patterns {
                for layout in pattern.layouts(length: variant.count) where counted.insert(layout).inserted {
                    guard var best = best(in: layout, line: variant, raw: raw, pattern: pattern.name) else { continue }
                    best.probability *= weight
                    best.leftOut = weight
                    if best.probability > texts[best.text]?.probability ?? 0 { texts[best.text] = best }
                }
            }
        }
        guard let best = texts.values.max(by: { $0.probability < $1.probability || ($0.probability == $1.probability && String($0.text) > String($1.text)) }) else {
            return nil
        }
        // Sure needs both: the characters are clear within the layout, and no other layout of
        // any pattern makes a text nearly as probable of the same read.
        let rivals = texts.values.reduce(0) { $0 + $1.probability }
        let confidence = min(best.share * best.probability / rivals, 1)
        let raw = best.raw
        var reasons: [String] = []
        if !regionChosen {
            reasons.append("no plate region or pattern is configured, so formats of every region were tried")
        }
        let corrected = zip(best.text, raw).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        if corrected.count > maximumLookAlikes {
            reasons.append("\(corrected.count) characters were read as their look-alikes; a sure plate has at most \(maximumLookAlikes)")
        }
        // Every format has digits. A line with none, whose digits are all letters the OCR read
        // and the pattern turned into look-alikes, is a word (HIGH as HI6H, GLOBAL as GLOBA1).
        let digits = best.text.filter(TextNormalization.isDigit).count
        if digits > 0, !raw.contains(where: TextNormalization.isDigit) {
            reasons.append("no digit was read: the plate's \(digits == 1 ? "digit is a letter read as its look-alike" : "\(digits) digits are letters read as look-alikes"), as in a word")
        }
        if let marking = ContainerMarkings.reason(String(best.text), raw: String(raw),
                                                  line: String(line.map { $0.best?.character ?? "?" })) {
            reasons.append(marking)
        }
        // An end character left out is most often an EU band's letter or the frame read unsurely;
        // one read clearly (a two-line plate's band letter before its lower line, or the plate's
        // own last letter) makes the text that fits without it a guess.
        if best.leftOut < 1 - maximumLeftOut {
            reasons.append("the text fits a format only without a character read at \(Self.percent(1 - best.leftOut))")
        }
        if best.text.count < minimumLength {
            reasons.append("\(best.text.count) characters; a sure plate has at least \(minimumLength)")
        }
        if confidence < minimumConfidence {
            reasons.append("confidence \(Self.percent(confidence)) is below \(Self.percent(minimumConfidence))")
        }
        return PlateRead(text: String(best.text), pattern: best.pattern, confidence: confidence,
                         correctedPositions: corrected,
                         rawText: String(raw), reviewReasons: reasons)
    }

    /// True when a pattern fits `positions` but for at most one character: one more, one
    /// fewer or one other. A faster recogniser's reading that nearly fits is worth reading again
    /// with a better one, which often gets the character the faster one missed.
    public func nearlyFits(_ positions: [CharacterCandidates]) -> Bool {
        let line = Self.characters(of: positions)
        guard !line.isEmpty else { return false }
        for pattern in patterns {
            for length in max(1, line.count - 1)...(line.count + 1) {
                for layout in pattern.layouts(length: length) where Self.withinOneEdit(layout, line) {
                    return true
                }
            }
        }
        return false
    }

    /// True when `line` fills `layout` but for one character added, dropped or changed.
    private static func withinOneEdit(_ layout: [PlateCharacterClass], _ line: [CharacterCandidates]) -> Bool {
        func fits(_ position: PlateCharacterClass, _ characters: CharacterCandidates) -> Bool {
            characters.candidates.contains { candidate in
                position.contains(candidate.character) || LookAlikes.of(candidate.character).contains(where: position.contains)
            }
        }
        if layout.count == line.count {
            return zip(layout, line).filter { !fits($0.0, $0.1) }.count <= 1
        }
        // One position of the longer has no partner in the shorter: skip it, match the rest.
        let longer = max(layout.count, line.count)
        return (0..<longer).contains { skipped in
            (0..<(longer - 1)).allSatisfy { index in
                let other = index < skipped ? index : index + 1
                return layout.count > line.count ? fits(layout[other], line[index]) : fits(layout[index], line[other])
            }
        }
    }

    /// The most probable text of one layout.
    private struct LayoutBest {
        var text: [Character]
        var pattern: String
        /// Product of the chosen characters' probabilities.
        var probability: Double
        /// The text's share of every text the layout allows.
        var share: Double
        /// The OCR's top characters of the positions read.
        var raw: [Character]
        /// How likely the line's characters left out to fit it are not the plate's: 1 when none was.
        var leftOut = 1.0
    }

    /// The most probable text `layout` makes of `line`, nil when a position has no candidate of
    /// its class (not even a look-alike).
    private func best(in layout: [PlateCharacterClass], line: ArraySlice<CharacterCandidates>, raw: [Character],
                      pattern: String) -> LayoutBest? {
        var probability = 1.0, mass = 1.0
        var text: [Character] = []
        for (position, characters) in zip(layout, line) {
            let distribution = distribution(of: position, in: characters)
            guard distribution.best.character != "?" else { return nil }
            probability *= distribution.best.probability
            mass *= distribution.mass
            text.append(distribution.best.character)
        }
        return LayoutBest(text: text, pattern: pattern, probability: probability, share: mass > 0 ? probability / mass : 0, raw: raw)
    }

    /// Small round marks: what the OCR makes of a German seal or a screw head between characters.
    /// No plate has a lower-case letter, so a small `o` is a mark too.
    static let marks: Set<Character> = ["o", "°", "º", "○", "◦"]
    private static let notCharacters = separators.union(marks)

    /// The positions that hold a character: candidates folded to Latin and upper-cased (a
    /// lower-case reading, which no plate has, at half its probability), positions read mostly
    /// as separators or marks dropped.
    static func characters(of positions: [CharacterCandidates]) -> [CharacterCandidates] {
        positions.compactMap { position in
            let separatorMass = position.candidates.filter { notCharacters.contains($0.character) }.reduce(0) { $0 + $1.probability }
            guard let best = position.best, !notCharacters.contains(best.character), separatorMass < 0.4 else { return nil }
            return CharacterCandidates(position.candidates.filter { !separators.contains($0.character) }.map { candidate in
                let plain = LatinFolding.folded(candidate.character)
                let upper = TextNormalization.uppercased(plain)
                return Candidate(upper, upper == plain ? candidate.probability : candidate.probability / 2)
            })
        }
    }

    /// The most probable character of `characters` in `position`'s class, and the class's total.
    private func distribution(of position: PlateCharacterClass, in characters: CharacterCandidates)
        -> (best: (character: Character, probability: Double), mass: Double) {
        var probabilities: [Character: Double] = [:]
        // A glyph of another script where the class wants Latin letters or digits (a CJK glyph
        // where two letters ran together) weighs against every text: the OCR saw something
        // else there. Not the other way round: the OCR knows no province list, so it often
        // ranks a similar Chinese character, or a Latin one, above the province.
        var elsewhere = 0.0
        for candidate in characters.candidates where candidate.probability > 0 {
            if position.contains(candidate.character) {
                probabilities[candidate.character, default: 0] += candidate.probability
            } else {
                let twins = LookAlikes.of(candidate.character).filter { position.contains($0) }
                for twin in twins {
                    probabilities[twin, default: 0] += candidate.probability * confusionPenalty
                }
                if twins.isEmpty, position.isASCII, !candidate.character.isASCII { elsewhere += candidate.probability }
            }
        }
        var best: (character: Character, probability: Double) = ("?", unlistedFloor)
        if let top = probabilities.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }),
           top.value > unlistedFloor {
            best = (top.key, top.value)
        }
        let unlisted = Double(max(position.size - probabilities.count, 0)) * unlistedFloor
        return (best, probabilities.values.reduce(0, +) + unlisted + elsewhere)
    }

    /// `value` (0...1) as a whole percentage, the way review reasons give it.
    public static func percent(_ value: Double) -> String {
        "\(Int((value * 100).rounded()))%"
    }
}
