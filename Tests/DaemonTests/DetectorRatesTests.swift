import Testing
@testable import Daemon

@Suite("Detector rates in the status")
struct DetectorRatesTests {
    @Test("a rate-capped detector that skips some seconds still shows its cost and rate")
    func secondsWithoutRuns() {
        var rates = DetectorRates()
        // 4 runs of 20 ms in every other second, as a capped detector on a quiet scene does.
        for second in 0..<30 {
            rates.add(runs: second % 2 == 0 ? 4 : 0, msPerRun: second % 2 == 0 ? 20 : 0)
            #expect(rates.msPerRun == 20, "second \(second)")
        }
        #expect(rates.runsPerSecond > 1.5 && rates.runsPerSecond < 2.5)
    }

    @Test("the figures follow a change in cost")
    func followsChange() {
        var rates = DetectorRates()
        for _ in 0..<10 { rates.add(runs: 5, msPerRun: 20) }
        for _ in 0..<30 { rates.add(runs: 5, msPerRun: 60) }
        #expect(abs(rates.msPerRun - 60) < 1)
        #expect(abs(rates.runsPerSecond - 5) < 0.01)
    }
}
