/// Plate formats of a few regions, as patterns a site can name instead of writing its own.
///
/// They cover the current standard formats only (no personalised, diplomatic, military or
/// historic plates); a site with others adds its own patterns.
public enum PlatePresets {
    /// The preset names, in the order they are listed.
    public static let names = ["uk", "de", "fr", "it", "es", "nl", "pl", "cn"]

    /// The patterns of the preset `name`.
    ///
    /// - Throws: `PlatePatternError.unknownPreset` listing the known names.
    public static func patterns(_ name: String) throws(PlatePatternError) -> [PlatePattern] {
        guard let sources = sources[name.lowercased()] else { throw .unknownPreset(name: name, known: names) }
        var patterns: [PlatePattern] = []
        for source in sources { patterns.append(try PlatePattern(name: name.lowercased(), source: source)) }
        return patterns
    }

    /// The patterns of every preset.
    public static var all: [PlatePattern] {
        names.flatMap { (try? patterns($0)) ?? [] }
    }

    private static let dutchLetters = "[BDFGHJKLNPRSTVXZ]"
    // The letters each country leaves out of its plates, mostly because they look like digits
    // (I, O, Q) or like each other (U, V): a read of them is a misread.
    private static let britishLetters = "[A-HJ-PR-Z]"
    private static let frenchLetters = "[A-HJ-NP-TV-Z]"
    private static let italianLetters = "[A-HJ-NPR-TV-Z]"
    private static let polishLetters = "[ACEFGHJKLMNPR-Y]"
    private static let chineseProvinces = "[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]"

    private static let sources: [String: [String]] = [
        // Great Britain since 2001: area, age, random letters; no I or Q.
        "uk": ["\(britishLetters){2}DD \(britishLetters){3}"],
        // Germany: district, letters, number, optional E (electric) or H (historic); 8
        // characters at most, so a 3-letter district with 2 letters has 3 digits at most.
        "de": ["L{1,2} L{1,2} D{1,4}", "L{3} L D{1,4}", "L{3} L{2} D{1,3}",
               "L{1,2} L{1,2} D{1,3}[EH]", "L{3} L D{1,3}[EH]", "L{3} L{2} D{1,2}[EH]"],
        // France (SIV, since 2009): no I, O or U. Italy (since 1994): no I, O, Q or U.
        "fr": ["\(frenchLetters){2}-DDD-\(frenchLetters){2}"],
        "it": ["\(italianLetters){2} DDD \(italianLetters){2}"],
        // Spain since 2000: no vowels, no Ñ or Q.
        "es": ["DDDD [BCDFGHJKLMNPRSTVWXYZ]{3}"],
        // The Netherlands: the side codes in use for cars and lorries.
        "nl": ["DD-\(dutchLetters){3}-D", "D-\(dutchLetters){3}-DD", "\(dutchLetters){2}-DDD-\(dutchLetters)",
               "\(dutchLetters)-DDD-\(dutchLetters){2}", "\(dutchLetters){3}-DD-\(dutchLetters)", "D-\(dutchLetters){2}-DDD",
               "DD-DDD-\(dutchLetters){2}", "\(dutchLetters){2}-DD-\(dutchLetters){2}"],
        // Poland: a district of 2 letters and 5 characters, or of 3 letters and 4, in the mixes
        // of letters and digits the regulation allows for ordinary plates; the characters
        // after the district use no B, D, I, O or Z.
        "pl": ["LL DDDDD", "LL DDDD\(polishLetters)", "LL DDD\(polishLetters){2}", "LL \(polishLetters)DDDD",
               "LL \(polishLetters)DD\(polishLetters){2}", "LLL D[0-9ACEFGHJKLMNPR-Y]{3}", "LLL \(polishLetters)DDD",
               "LLL \(polishLetters){2}DD"],
        // China: province, city letter, 5 characters (6 on new-energy plates); no I or O.
        "cn": ["\(chineseProvinces)[A-HJ-NP-Z]·[A-HJ-NP-Z0-9]{5,6}"],
    ]
}

extension PlatePresets {
    /// The patterns a site accepts: the presets it names and its own patterns (name → pattern).
    /// Naming neither accepts every preset.
    ///
    /// - Throws: `PlatePatternError` for an unknown preset or a pattern that does not compile.
    public static func resolve(regions: [String], custom: [(name: String, pattern: String)]) throws(PlatePatternError) -> [PlatePattern] {
        guard !regions.isEmpty || !custom.isEmpty else { return all }
        var patterns: [PlatePattern] = []
        for region in regions { patterns += try self.patterns(region) }
        for (name, source) in custom { patterns.append(try PlatePattern(name: name, source: source)) }
        return patterns
    }
}
