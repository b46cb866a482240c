import Events
import Feed
import Foundation
import Hummingbird
import Logging
import Synchronization
import Testing

/// SSE through the router's responder, reading the streamed body as it is written (the
/// `.router` test client only returns a body once it has ended).
@Suite struct EventStreamTests {
    @Test func resumesFromLastEventIDThenFollowsLiveEvents() async throws {
        let fixture = FeedFixture()
        try await fixture.append(30)
        let stream = try await OpenStream(fixture, path: "/events/stream", headers: lastEventID("25"))
        defer { stream.close() }
        #expect(stream.status == .ok)
        #expect(stream.contentType == "text/event-stream; charset=utf-8")
        #expect(await eventually { stream.events.count == 5 })
        #expect(stream.events.map(\.id) == ["26", "27", "28", "29", "30"])
        #expect(stream.events.first?.event == "object.left")  // seq 26 is the 26th event: types alternate from entered

        let stored = await fixture.store.events(since: 25, limit: 1, camera: nil, type: nil).events[0]
        #expect(stream.events.first?.data == stored.jsonLine())

        // Committed, then published: arrives once, after the catch-up.
        let new = try await fixture.append(2)
        fixture.live.publish(new)
        #expect(await eventually { stream.events.count == 7 })
        #expect(stream.events.map(\.id) == ["26", "27", "28", "29", "30", "31", "32"])
        #expect(stream.events.last?.event == new[1].type.rawValue)
    }

    @Test func sinceParameterAndFilters() async throws {
        let fixture = FeedFixture()
        try await fixture.append(20)
        let stream = try await OpenStream(fixture, path: "/events/stream?since=10&camera=gate1")
        defer { stream.close() }
        // gate1 has the odd seqs (seq n is event n-1, cameras alternate from gate1).
        #expect(await eventually { stream.events.count == 5 })
        #expect(stream.events.map(\.id) == ["11", "13", "15", "17", "19"])
        let new = try await fixture.append(4)
        fixture.live.publish(new)
        #expect(await eventually { stream.events.count == 7 })
        #expect(stream.events.suffix(2).map(\.id) == ["21", "23"])
    }

    @Test func liveEventsAlreadySentInCatchUpAreNotRepeated() async throws {
        let fixture = FeedFixture()
        try await fixture.append(5)
        let stream = try await OpenStream(fixture, path: "/events/stream")
        defer { stream.close() }
        #expect(await eventually { stream.events.count == 5 })
        // Events committed while the catch-up ran come from the store and live too.
        let all = await fixture.store.events(since: 0, limit: 100, camera: nil, type: nil).events
        fixture.live.publish(all)
        let more = try await fixture.append(1)
        fixture.live.publish(more)
        #expect(await eventually { stream.events.count == 6 })
        try await Task.sleep(for: .milliseconds(50))
        #expect(stream.events.map(\.id) == ["1", "2", "3", "4", "5", "6"])
    }

    @Test func gapsInTheLiveStreamAreReadFromTheStore() async throws {
        let fixture = FeedFixture(keepAlive: .milliseconds(20))
        let stream = try await OpenStream(fixture, path: "/events/stream")
        defer { stream.close() }
        // Keep-alives are sent from the live loop only: one means the catch-up is over.
        #expect(await eventually { stream.frames.contains(where: \.isComment) })
        let new = try await fixture.append(6)
        // The live buffer dropped 1...4: only 5 and 6 are heard.
        fixture.live.publish(Array(new.suffix(2)))
        #expect(await eventually { stream.events.count == 6 })
        #expect(stream.events.map(\.id) == ["1", "2", "3", "4", "5", "6"])
    }

    @Test func keepAliveCommentsFlowWhileQuiet() async throws {
        let fixture = FeedFixture(keepAlive: .milliseconds(50))
        let stream = try await OpenStream(fixture, path: "/events/stream")
        defer { stream.close() }
        #expect(await eventually { stream.frames.filter(\.isComment).count >= 2 })
        #expect(stream.text.contains(": keep-alive\n\n"))
    }

    @Test func streamEndsWhenTheQueueFinishes() async throws {
        let fixture = FeedFixture()
        let stream = try await OpenStream(fixture, path: "/events/stream")
        #expect(await eventually { fixture.live.subscriberCount == 1 && stream.opened })
        fixture.live.finish()
        #expect(await eventually { stream.finished })
    }

    @Test func badLastEventIDGives400() async throws {
        let fixture = FeedFixture()
        let router = fixture.makeRouter(context: StreamTestContext.self)
        let response = try await router.buildResponder().respond(
            to: streamRequest("/events/stream", lastEventID("abc")), context: StreamTestContext.make())
        #expect(response.status == .badRequest)
        let limit = try await router.buildResponder().respond(to: streamRequest("/events/stream?limit=5", [:]), context: StreamTestContext.make())
        #expect(limit.status == .badRequest)
    }
}

// MARK: - Reading a streamed body in process

struct StreamTestSource: RequestContextSource {
    let logger: Logger
}

struct StreamTestContext: RequestContext {
    typealias Source = StreamTestSource
    var coreContext: CoreRequestContextStorage
    init(source: StreamTestSource) { coreContext = .init(source: source) }
    static func make() -> Self { Self(source: .init(logger: Logger(label: "stream-test"))) }
}

func streamRequest(_ path: String, _ headers: HTTPFields) -> Request {
    Request(
        head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: path, headerFields: headers),
        body: RequestBody(buffer: ByteBuffer()))
}

/// An SSE response whose body is being written into memory by a background task.
final class OpenStream: Sendable {
    let status: HTTPResponse.Status
    let contentType: String?
    private let received: Received
    private let writing: Task<Void, any Error>

    convenience init(_ fixture: FeedFixture, path: String, headers: HTTPFields = [:]) async throws {
        try await self.init(router: fixture.makeRouter(context: StreamTestContext.self), path: path, headers: headers)
    }

    init(router: Router<StreamTestContext>, path: String, headers: HTTPFields = [:]) async throws {
        let response = try await router.buildResponder().respond(to: streamRequest(path, headers), context: StreamTestContext.make())
        status = response.status
        contentType = response.headers[.contentType]
        let received = Received()
        self.received = received
        let body = response.body
        writing = Task { try await body.write(CollectingWriter(received: received)) }
    }

    var text: String { received.state.withLock { $0.text } }
    var frames: [ParsedSSE] { parseSSE(text) }
    var events: [ParsedSSE] { frames.filter { $0.id != nil } }
    /// The stream has written its first bytes (so it has subscribed and read the store).
    var opened: Bool { !text.isEmpty }
    var finished: Bool { received.state.withLock { $0.finished } }

    func close() { writing.cancel() }

    final class Received: Sendable {
        let state = Mutex(State())
        struct State {
            var text = ""
            var finished = false
        }
    }

    struct CollectingWriter: ResponseBodyWriter {
        let received: Received
        mutating func write(_ buffer: ByteBuffer) async throws {
            received.state.withLock { $0.text += String(buffer: buffer) }
        }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
            received.state.withLock { $0.finished = true }
        }
    }
}

/// Headers with `Last-Event-ID` (HTTPTypes' field names are not re-exported by Hummingbird).
func lastEventID(_ value: String) -> HTTPFields {
    var fields = HTTPFields()
    fields[.init("Last-Event-ID")!] = value
    return fields
}
