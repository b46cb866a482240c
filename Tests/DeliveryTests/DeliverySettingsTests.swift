import Delivery
import Testing

@Suite struct DeliverySettingsTests {
    @Test("the pause after failures doubles from the first and stops at the cap")
    func pauses() {
        var settings = DeliverySettings()
        settings.firstRetry = .milliseconds(250)
        settings.maxRetry = .seconds(2)
        let pauses = (1...6).map { settings.pause(afterFailures: $0) }
        #expect(pauses == [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(2), .seconds(2)])
        #expect(settings.pause(afterFailures: 10_000) == .seconds(2))
    }

    @Test("a ring with nobody waiting is kept for the next wait")
    func doorbellKeepsRing() async {
        let bell = Doorbell()
        bell.ring()
        let clock = ContinuousClock()
        let waited = await clock.measure { await bell.wait(upTo: .seconds(30)) }
        #expect(waited < .seconds(5))
    }

    @Test("a wait without a ring ends at its time limit")
    func doorbellTimesOut() async {
        let bell = Doorbell()
        let clock = ContinuousClock()
        let waited = await clock.measure { await bell.wait(upTo: .milliseconds(50)) }
        #expect(waited >= .milliseconds(50))
    }
}
