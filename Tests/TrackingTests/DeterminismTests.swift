import Testing
import Tracking

@Suite struct DeterminismTests {
    @Test func sameInputsGiveIdenticalOutputs() throws {
        let truth = try GroundTruth.load()
        let first = try SampleReplay.run(truth, seed: 42)
        let second = try SampleReplay.run(truth, seed: 42)
        #expect(first == second)
        // And the run is not trivially empty.
        #expect(first.flatMap(\.step.events).count >= 8)
        #expect(first.flatMap(\.sceneEvents).count >= 6)
    }

    @Test func tracksAndEventsComeInIDOrder() throws {
        let frames = try SampleReplay.run(try GroundTruth.load(), seed: 9)
        for frame in frames {
            let ids = frame.step.tracks.map(\.id)
            #expect(ids == ids.sorted() && Set(ids).count == ids.count)
            let eventIDs = frame.step.events.map(\.track.id)
            #expect(eventIDs == eventIDs.sorted())
        }
    }
}
