/// Runs of ink along a profile (ink counted per row): the characters of a column of stacked
/// characters, and the lines of a door grid.
enum InkProfile {
    /// The runs of `profile` above `least`, each at least `minimumLength` long.
    static func runs(_ profile: [Int], above least: Int, minimumLength: Int) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int?
        for y in 0...profile.count {
            if y < profile.count, profile[y] > least {
                if start == nil { start = y }
            } else if let first = start {
                if y - first >= minimumLength { runs.append(first..<y) }
                start = nil
            }
        }
        return runs
    }

    /// `runs` cut into as many parts as `pitch`es they hold (things that touch, or that blur or
    /// a cable joins), each cut at the faintest row of `profile` within `slack` of where equal
    /// parts would meet, a row's ink weighed by how far it lies from there: the stem of a narrow
    /// letter (`J`, `7`) holds less ink than the row where two blurred characters touch.
    static func cut(_ runs: [Range<Int>], pitch: Double, slack: Int, profile: [Int]) -> [Range<Int>] {
        var cells: [Range<Int>] = []
        for run in runs {
            let parts = max(1, Int((Double(run.count) / pitch).rounded()))
            var lower = run.lowerBound
            for part in 1..<parts {
                let even = run.lowerBound + run.count * part / parts
                func cost(_ y: Int) -> (Int, Int) { (profile[y] * (slack + abs(y - even)), abs(y - even)) }
                let cut = ((even - slack)...(even + slack)).min { cost($0) < cost($1) } ?? even
                cells.append(lower..<cut)
                lower = cut
            }
            cells.append(lower..<run.upperBound)
        }
        return cells
    }
}
