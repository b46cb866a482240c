import ContainerCode
import Plates
import Testing

@Suite("Plate search: marks, other scripts and look-alike glyphs")
struct PlateMarksTests {
    @Test("a German seal read as an unsure 8 between district and letters is left out")
    func seal() throws {
        let search = PlateSearch(patterns: try PlatePresets.patterns("de"))
        // K A [seal] Z R 6 4 3 2: the seal is mostly separators, with 40% on 8.
        let read = try #require(search.search(line("KA8ZR6432", [2: [("8", 0.4), (".", 0.22), ("·", 0.03)]], probability: 0.99)))
        #expect(read.text == "KAZR6432")
        // The same line with the 8 read surely is not a German plate: nine characters.
        #expect(search.search(line("KA8ZR6432", probability: 0.99)).map(\.text) != "KABZR6432")
    }

    @Test("a German seal read as a small o beside a dot is left out, and the read is sure")
    func sealAsSmallO() throws {
        let search = PlateSearch(patterns: try PlatePresets.patterns("de"))
        // D [seal] T F 5 1 3 4: the seal read as a lower-case o (57%) or a dot (35%).
        let read = try #require(search.search(line("DoTF5134", [1: [("o", 0.57), (".", 0.35), ("。", 0.02)]], probability: 0.98)))
        #expect(read.text == "DTF5134")
        #expect(!read.needsReview, "\(read.reviewReasons)")
        // A capital O read clearly stays a letter.
        #expect(search.search(line("DOTF5134", probability: 0.98))?.text == "DOTF5134")
    }

    @Test("German plates have 8 characters at most")
    func germanLength() throws {
        let german = try PlatePresets.patterns("de")
        #expect(german.contains { $0.matches(Array("KAZR6432")) })
        #expect(german.contains { $0.matches(Array("BMW1234")) })
        #expect(german.contains { $0.matches(Array("KAZR643E")) })
        #expect(!german.contains { $0.matches(Array("KAOZR6432")) }, "3 + 2 letters and 4 digits is nine")
        #expect(!german.contains { $0.matches(Array("KAZR6432E")) })
    }

    @Test("a CJK glyph where Latin letters must be makes the read unsure")
    func otherScript() throws {
        let search = PlateSearch(patterns: try PlatePresets.patterns("de"))
        // "FJL93" with J and L run together into one glyph, L only second.
        let read = try #require(search.search(line("FJ93", [1: [("儿", 0.8), ("L", 0.19)]], probability: 0.99)))
        #expect(read.text == "FL93")
        #expect(read.needsReview, "confidence \(read.confidence)")
        // A Latin runner-up does not count against it the same way: the class decides.
        let clear = try #require(search.search(line("FJ93", [1: [("L", 0.97), ("儿", 0.02)]], probability: 0.99)))
        #expect(!clear.needsReview)
    }

    @Test("a similar Chinese character ranked above the province does not sink the read")
    func province() throws {
        let search = PlateSearch(patterns: try PlatePresets.patterns("cn"))
        let read = try #require(search.search(line("院K892U4", [0: [("院", 0.5), ("皖", 0.45)]], probability: 0.99)))
        #expect(read.text == "皖K892U4")
        #expect(!read.needsReview, "confidence \(read.confidence)")
    }

    @Test("full-width, accented and currency glyphs count as the letters they look like")
    func folding() throws {
        let search = PlateSearch(patterns: try PlatePresets.patterns("uk"))
        // Y read 59% with the yen sign 33%: together a clear Y.
        let yen = try #require(search.search(line("GS08YXC", [4: [("Y", 0.59), ("¥", 0.33), ("￥", 0.04)]], probability: 0.99)))
        #expect(yen.text == "GS08YXC")
        #expect(!yen.needsReview, "confidence \(yen.confidence)")
        let wide = try #require(search.search(line("AB12CDE", [1: [("Ｂ", 0.9)], 5: [("Ď", 0.9)]], probability: 0.99)))
        #expect(wide.text == "AB12CDE")
        #expect(wide.correctedPositions.isEmpty)
    }
}
