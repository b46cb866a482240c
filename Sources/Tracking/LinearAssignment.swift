/// Minimum-cost assignment of rows to columns (the Hungarian method, Kuhn-Munkres, in the O(n²m)
/// form with row and column potentials).
enum LinearAssignment {
    /// For each row, the column it is given, or nil when there are more rows than columns and it got
    /// none. Every column is used at most once and the total cost is the least possible.
    static func solve(_ cost: [[Double]]) -> [Int?] {
        let rows = cost.count, columns = cost.first?.count ?? 0
        guard rows > 0, columns > 0 else { return Array(repeating: nil, count: rows) }
        if rows > columns {
            // The method wants rows ≤ columns: solve the transpose and invert the answer.
            let transposed = (0..<columns).map { j in (0..<rows).map { i in cost[i][j] } }
            var answer = [Int?](repeating: nil, count: rows)
            for (j, row) in solve(transposed).enumerated() {
                if let row { answer[row] = j }
            }
            return answer
        }
        // 1-based with a virtual column 0, as in the textbook form.
        var rowPotential = [Double](repeating: 0, count: rows + 1)
        var columnPotential = [Double](repeating: 0, count: columns + 1)
        var rowOfColumn = [Int](repeating: 0, count: columns + 1)
        var previousColumn = [Int](repeating: 0, count: columns + 1)
        for row in 1...rows {
            rowOfColumn[0] = row
            var column = 0
            var slack = [Double](repeating: .infinity, count: columns + 1)
            var used = [Bool](repeating: false, count: columns + 1)
            // Grow an alternating tree from `row` until it reaches a free column.
            repeat {
                used[column] = true
                let current = rowOfColumn[column]
                var delta = Double.infinity, next = 0
                for j in 1...columns where !used[j] {
                    let reduced = cost[current - 1][j - 1] - rowPotential[current] - columnPotential[j]
                    if reduced < slack[j] {
                        slack[j] = reduced
                        previousColumn[j] = column
                    }
                    if slack[j] < delta {
                        delta = slack[j]
                        next = j
                    }
                }
                for j in 0...columns {
                    if used[j] {
                        rowPotential[rowOfColumn[j]] += delta
                        columnPotential[j] -= delta
                    } else {
                        slack[j] -= delta
                    }
                }
                column = next
            } while rowOfColumn[column] != 0
            // Flip the augmenting path.
            repeat {
                let previous = previousColumn[column]
                rowOfColumn[column] = rowOfColumn[previous]
                column = previous
            } while column != 0
        }
        var answer = [Int?](repeating: nil, count: rows)
        for j in 1...columns where rowOfColumn[j] != 0 {
            answer[rowOfColumn[j] - 1] = j - 1
        }
        return answer
    }
}
