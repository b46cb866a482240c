import ContainerCode
import Testing
import Vision

@Suite("CTC decoding with alternatives")
struct CTCDecoderTests {
    let alphabet: [Character] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")

    /// Steps of one-hot-ish rows: each step names its best class and, optionally, a runner-up.
    func table(_ steps: [(best: Character?, p: Float, second: Character?)]) -> [Float] {
        let classes = alphabet.count + 1
        var values = [Float](repeating: 0, count: steps.count * classes)
        for (t, step) in steps.enumerated() {
            let bestIndex = step.best.map { alphabet.firstIndex(of: $0)! + 1 } ?? 0
            values[t * classes + bestIndex] = step.p
            let rest = 1 - step.p
            if let second = step.second {
                values[t * classes + alphabet.firstIndex(of: second)! + 1] = rest
            } else {
                values[t * classes + (bestIndex == 0 ? 1 : 0)] = rest
            }
        }
        return values
    }

    @Test("repeats collapse, blanks separate, and each character keeps its runner-up")
    func collapses() {
        let values = table([
            ("M", 0.9, "N"), ("M", 0.95, "N"), (nil, 0.99, nil), ("S", 0.6, "5"), ("S", 0.7, "5"),
            (nil, 0.9, nil), ("S", 0.8, nil), ("K", 0.5, "X"), (nil, 0.9, nil), ("0", 0.55, "O"),
        ])
        let decoder = CTCDecoder(alphabet: alphabet, topK: 3)
        let result = values.withUnsafeBufferPointer { decoder.decode($0, steps: 10, classes: alphabet.count + 1) }
        #expect(result.text == "MSSK0")
        #expect(result.characters.map(\.step) == [1, 4, 6, 7, 9], "the surest step of each character")
        let first = result.characters[0].candidates
        #expect(first.best == Candidate("M", Double(Float(0.95))))
        #expect(first.candidates.contains { $0.character == "N" })
        let last = result.characters[4].candidates.candidates
        #expect(last.first?.character == "0" && last.dropFirst().first?.character == "O")
    }

    @Test("an all-blank output reads nothing")
    func blank() {
        let values = table([(nil, 0.99, nil), (nil, 0.98, nil)])
        let result = values.withUnsafeBufferPointer { CTCDecoder(alphabet: alphabet).decode($0, steps: 2, classes: alphabet.count + 1) }
        #expect(result.characters.isEmpty && result.confidence == 0)
    }
}
