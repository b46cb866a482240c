import ContainerCode

/// One character read by the recogniser, with its alternatives.
public struct RecognizedCharacter: Sendable, Equatable {
    /// The alternatives at the time step where the character was surest, best first.
    public var candidates: CharacterCandidates
    /// That time step: where the character sits along the crop (step / steps × crop width).
    public var step: Int
}

/// A line of text read from one crop.
public struct RecognizedText: Sendable, Equatable {
    /// The characters, left to right.
    public var characters: [RecognizedCharacter]
    /// Time steps of the output (the model's input width in steps).
    public var steps: Int
    /// The share of the model's input width the crop filled; the rest was padding.
    public var filled = 1.0

    /// The best reading as a string.
    public var text: String { String(characters.compactMap { $0.candidates.best?.character }) }

    /// Where `character`'s centre sits along the crop, as a share of its width (0...1).
    public func centre(of character: RecognizedCharacter) -> Double {
        min(1, (Double(character.step) + 0.5) / Double(max(1, steps)) / max(filled, 1e-3))
    }

    /// Mean probability of the best candidates (0 when empty).
    public var confidence: Double {
        guard !characters.isEmpty else { return 0 }
        return characters.reduce(0) { $0 + ($1.candidates.best?.probability ?? 0) } / Double(characters.count)
    }
}

/// Greedy CTC decoding that keeps, for every character, its top candidates and their probabilities.
///
/// The best class of each time step is taken; repeats collapse and the blank separates. For each
/// character the step where its class was most probable gives the alternatives: the `topK`
/// non-blank classes there, so the ISO 6346 search can try a second-best letter or digit.
public struct CTCDecoder: Sendable {
    /// The characters of classes 1...N (class 0 is the blank).
    public let alphabet: [Character]
    /// Alternatives kept per character.
    public let topK: Int

    /// A decoder for `alphabet` (class i is `alphabet[i - 1]`).
    public init(alphabet: [Character], topK: Int = 5) {
        self.alphabet = alphabet
        self.topK = topK
    }

    /// Decodes `steps` x `classes` probabilities (row-major; each row sums to 1).
    public func decode(_ probabilities: UnsafeBufferPointer<Float>, steps: Int, classes: Int) -> RecognizedText {
        precondition(probabilities.count >= steps * classes)
        var characters: [RecognizedCharacter] = []
        var previous = 0
        var bestStep = -1
        var bestProbability: Float = -1
        func flush(_ label: Int) {
            guard label != 0, bestStep >= 0 else { return }
            characters.append(RecognizedCharacter(candidates: alternatives(probabilities, step: bestStep, classes: classes),
                                                  step: bestStep))
        }
        for t in 0..<steps {
            let row = t * classes
            var label = 0
            var probability = probabilities[row]
            for k in 1..<classes where probabilities[row + k] > probability {
                probability = probabilities[row + k]
                label = k
            }
            if label != previous {
                flush(previous)
                bestStep = -1
                bestProbability = -1
            }
            if label != 0 && probability > bestProbability {
                bestProbability = probability
                bestStep = t
            }
            previous = label
        }
        flush(previous)
        return RecognizedText(characters: characters, steps: steps)
    }

    /// The `topK` most probable non-blank characters at one step.
    private func alternatives(_ probabilities: UnsafeBufferPointer<Float>, step: Int, classes: Int) -> CharacterCandidates {
        let row = step * classes
        var best: [(index: Int, probability: Float)] = []
        for k in 1..<min(classes, alphabet.count + 1) {
            let p = probabilities[row + k]
            if best.count < topK || p > best[best.count - 1].probability {
                let at = best.firstIndex { $0.probability < p } ?? best.count
                best.insert((k, p), at: at)
                if best.count > topK { best.removeLast() }
            }
        }
        return CharacterCandidates(best.map { Candidate(alphabet[$0.index - 1], Double($0.probability)) })
    }
}
