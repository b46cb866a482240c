import Testing
import TestSupport
@testable import Tracking

@Suite struct LinearAssignmentTests {
    /// The least total cost over all one-to-one assignments of the smaller side, by brute force.
    private func bruteForce(_ cost: [[Double]]) -> Double {
        let rows = cost.count, columns = cost[0].count
        func best(_ row: Int, _ used: Set<Int>) -> Double {
            if row == rows { return 0 }
            var result = Double.infinity
            // More rows than columns: a row may go unassigned only if enough rows remain for all columns.
            if rows - row > columns - used.count { result = best(row + 1, used) }
            for column in 0..<columns where !used.contains(column) {
                result = min(result, cost[row][column] + best(row + 1, used.union([column])))
            }
            return result
        }
        return best(0, [])
    }

    @Test func matchesBruteForceOnRandomMatrices() {
        var random = SeededRandom(seed: 7)
        for _ in 0..<300 {
            let rows = Int.random(in: 1...6, using: &random), columns = Int.random(in: 1...6, using: &random)
            let cost = (0..<rows).map { _ in
                (0..<columns).map { _ in Double(Int.random(in: 0...20, using: &random)) / 4 }
            }
            let answer = LinearAssignment.solve(cost)
            #expect(answer.count == rows)
            let used = answer.compactMap { $0 }
            #expect(used.count == min(rows, columns))
            #expect(Set(used).count == used.count)
            let total = answer.enumerated().reduce(0.0) { sum, item in sum + (item.1.map { cost[item.0][$0] } ?? 0) }
            #expect(abs(total - bruteForce(cost)) < 1e-9, "cost \(cost)")
        }
    }

    @Test func beatsGreedy() {
        // Greedy takes the 1 and then must pay 100; the optimum pays 2 + 2.
        #expect(LinearAssignment.solve([[1, 2], [2, 100]]) == [1, 0])
        // Rectangular both ways.
        #expect(LinearAssignment.solve([[5, 1, 9]]) == [1])
        #expect(LinearAssignment.solve([[5], [1], [9]]) == [nil, 0, nil])
    }

    @Test func emptyInputs() {
        #expect(LinearAssignment.solve([]) == [])
        #expect(LinearAssignment.solve([[], []]) == [nil, nil])
    }
}
