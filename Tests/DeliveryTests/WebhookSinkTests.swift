import Delivery
import Events
import Foundation
import Hummingbird
import Metrics
import Testing

/// The webhook sink against a real receiver on loopback and a real SQLite store.
@Suite struct WebhookSinkTests {
    static let secret = "webhook-test-secret"

    static func settings(_ url: String, version: String = "test", secret: String? = WebhookSinkTests.secret) -> WebhookSinkSettings {
        WebhookSinkSettings(name: "hook", url: url, secret: secret, batchSize: 100, requestTimeout: .seconds(5),
                            site: "yard", version: version)
    }

    static func runner(_ sink: WebhookSink, _ store: any EventStore, progress: ProgressLog = ProgressLog()) -> SinkRunner {
        SinkRunner(sink: sink, store: store, settings: DeliveryTestSupport.quickRetries, logger: quietLogger,
                   metricsFactory: NOOPMetricsHandler.instance, report: { progress.record($0) })
    }

    /// The seqs in the order they were first accepted.
    static func firstArrivals(_ seqs: [Int64]) -> [Int64] {
        var seen = Set<Int64>()
        return seqs.filter { seen.insert($0).inserted }
    }

    @Test("a receiver that fails one request in three gets every event, in order, every request signed")
    func flakyReceiver() async throws {
        let receiver = try await WebhookReceiver.start(secret: Self.secret) { index, _ in
            index % 3 == 2 ? .internalServerError : .ok
        }
        let (store, _) = try DeliveryTestSupport.sqliteStore()
        _ = try await store.append(DeliveryTestSupport.events(600))
        let runner = Self.runner(WebhookSink(settings: Self.settings(receiver.url), logger: quietLogger), store)
        let run = Task { await runner.run() }
        // More events while it delivers, as the event queue would commit them.
        for chunk in 0..<12 {
            _ = try await store.append(DeliveryTestSupport.events(50, from: 600 + chunk * 50))
            runner.eventsCommitted()
            try await Task.sleep(for: .milliseconds(5))
        }
        let last = try await store.lastSequence
        let caughtUp = await eventually { (try? await store.cursor(forSink: "hook")) == last }
        run.cancel()
        await run.value
        await receiver.stop()

        #expect(last == 1200)
        #expect(caughtUp)
        let requests = receiver.requests
        #expect(requests.contains { $0.status == 500 })
        #expect(requests.allSatisfy { $0.signed })
        for request in requests {
            #expect(request.headers["content-type"] == "application/json")
            #expect(request.headers["user-agent"] == "portsight/test")
            #expect(request.headers["x-portsight-delivery"] == "\(request.seqs.first ?? -1)-\(request.seqs.last ?? -1)")
            #expect(request.seqs.count <= 100)
        }
        let accepted = receiver.acceptedSeqs
        // stride, not 1...last: an empty store must fail these, not trap the test process.
        let all = Array(stride(from: 1, through: last, by: 1))
        #expect(Set(accepted) == Set(all))
        #expect(Self.firstArrivals(accepted) == all)
        #expect(try await store.cursor(forSink: "hook") == last)
        #expect(try await store.deadLetterCount(forSink: "hook") == 0)
    }

    @Test("a restart resumes from the durable cursor and loses nothing")
    func restart() async throws {
        // Refuses everything past seq 500 until the first run is stopped, so the stop is mid-way.
        let firstRunOver = Shared(false)
        let receiver = try await WebhookReceiver.start(secret: Self.secret) { index, seqs in
            if !firstRunOver.value, (seqs.last ?? 0) > 500 { return .serviceUnavailable }
            return index % 3 == 2 ? .internalServerError : .ok
        }
        let path: String
        let reached: Bool
        let cursorAtStop: Int64
        do {
            // The first daemon run; its store and runner are let go at the end of this block.
            let (firstStore, firstPath) = try DeliveryTestSupport.sqliteStore()
            path = firstPath
            _ = try await firstStore.append(DeliveryTestSupport.events(1000))
            let sink = WebhookSink(settings: Self.settings(receiver.url, version: "run-1"), logger: quietLogger)
            let firstRunner = Self.runner(sink, firstStore)
            let firstRun = Task { await firstRunner.run() }
            reached = await eventually { (try? await firstStore.cursor(forSink: "hook")) == 500 }
            // The daemon stops: the runner's task is cancelled.
            firstRun.cancel()
            await firstRun.value
            cursorAtStop = try await firstStore.cursor(forSink: "hook")
        }
        firstRunOver.withLock { $0 = true }

        let store = try DeliveryTestSupport.openStore(path)
        #expect(try await store.cursor(forSink: "hook") == cursorAtStop)
        let runner = Self.runner(WebhookSink(settings: Self.settings(receiver.url, version: "run-2"), logger: quietLogger), store)
        let run = Task { await runner.run() }
        _ = try await store.append(DeliveryTestSupport.events(200, from: 1000))
        runner.eventsCommitted()
        let caughtUp = await eventually { (try? await store.cursor(forSink: "hook")) == 1200 }
        run.cancel()
        await run.value
        await receiver.stop()

        #expect(reached)
        #expect(cursorAtStop == 500)
        #expect(caughtUp)
        let requests = receiver.requests
        #expect(requests.allSatisfy { $0.signed })
        let secondRun = requests.filter { $0.headers["user-agent"] == "portsight/run-2" }
        let resent = secondRun.flatMap(\.seqs)
        #expect(resent.min() == cursorAtStop + 1, "the second run starts after the cursor, not from 1")
        let accepted = receiver.acceptedSeqs
        #expect(Set(accepted) == Set(1...1200))
        #expect(Self.firstArrivals(accepted) == Array(1...1200))
        #expect(try await store.cursor(forSink: "hook") == 1200)
    }

    @Test("events the receiver refuses with 422 become dead letters; the rest are delivered")
    func deadLetters() async throws {
        let refused: Set<Int64> = [7, 13]
        let receiver = try await WebhookReceiver.start(secret: Self.secret) { _, seqs in
            seqs.contains(where: refused.contains) ? .unprocessableContent : .ok
        }
        let (store, _) = try DeliveryTestSupport.sqliteStore()
        _ = try await store.append(DeliveryTestSupport.events(30))
        var settings = Self.settings(receiver.url)
        settings.batchSize = 10
        let progress = ProgressLog()
        let runner = Self.runner(WebhookSink(settings: settings, logger: quietLogger), store, progress: progress)
        let run = Task { await runner.run() }
        let caughtUp = await eventually { (try? await store.cursor(forSink: "hook")) == 30 }
        run.cancel()
        await run.value
        await receiver.stop()

        #expect(caughtUp)
        #expect(try await store.deadLetterCount(forSink: "hook") == 2)
        #expect(progress.last?.deadLetters == 2)
        #expect(Set(receiver.acceptedSeqs) == Set(1...30).subtracting(refused))
        // The refused batches were split into single events; each refused one alone was answered 422.
        let singlesRefused = receiver.requests.filter { $0.seqs.count == 1 && $0.status == 422 }.map(\.seqs[0])
        #expect(Set(singlesRefused) == refused)
    }

    @Test("a dead letter's reason is the status and the start of the receiver's answer")
    func deadLetterReason() async throws {
        let receiver = try await WebhookReceiver.start(secret: Self.secret) { _, seqs in
            seqs.contains(7) ? .unprocessableContent : .ok
        }
        let events = (5...8).map { StoredEvent(seq: Int64($0), snapshot: nil, event: DeliveryTestSupport.events(1, from: $0)[0]) }
        let sink = WebhookSink(settings: Self.settings(receiver.url), logger: quietLogger)
        let result = try await sink.deliver(events)
        await sink.close()
        await sink.close()
        await receiver.stop()

        #expect(result.deadLetters.map(\.seq) == [7])
        #expect(result.deadLetters.first?.reason == "HTTP 422: refused: seqs 7")
        // One request for the batch, then one per event.
        #expect(receiver.requests.map(\.seqs) == [[5, 6, 7, 8], [5], [6], [7], [8]])
    }

    @Test("a host name that does not resolve shows as retrying with a clear error and moves no cursor")
    func unresolvableHost() async throws {
        let (store, _) = try DeliveryTestSupport.sqliteStore()
        _ = try await store.append(DeliveryTestSupport.events(5))
        var settings = Self.settings("http://portsight-no-such-host.invalid/hook")
        settings.requestTimeout = .seconds(2)
        let progress = ProgressLog()
        let runner = Self.runner(WebhookSink(settings: settings, logger: quietLogger), store, progress: progress)
        let run = Task { await runner.run() }
        // Two failures in a row: it keeps trying rather than stopping.
        let failing = await eventually(timeout: .seconds(12)) { (progress.last?.failures ?? 0) >= 2 }
        run.cancel()
        await run.value

        #expect(failing)
        let last = try #require(progress.last)
        #expect(last.state == .retrying)
        let error = try #require(last.lastError)
        #expect(error.contains("webhook http://portsight-no-such-host.invalid/hook"))
        #expect(error.contains("cannot resolve the host name"), "got: \(error)")
        #expect(try await store.cursor(forSink: "hook") == 0)
    }

    @Test("a port nobody listens on gives connection refused")
    func connectionRefused() async throws {
        let receiver = try await WebhookReceiver.start(secret: nil)
        await receiver.stop()
        let sink = WebhookSink(settings: Self.settings(receiver.url), logger: quietLogger)
        let events = [StoredEvent(seq: 1, snapshot: nil, event: DeliveryTestSupport.events(1)[0])]
        let error = await #expect(throws: SinkError.self) { try await sink.deliver(events) }
        await sink.close()
        #expect(error?.kind == .unavailable)
        #expect(error?.message.hasPrefix("webhook \(receiver.url): connection refused") == true, "got: \(error?.message ?? "")")
    }

    @Test("a receiver that does not answer in time, or speaks no TLS, gives a clear retryable error")
    func timeoutAndTLS() async throws {
        let receiver = try await WebhookReceiver.start(secret: nil, hold: .seconds(1))
        let events = [StoredEvent(seq: 1, snapshot: nil, event: DeliveryTestSupport.events(1)[0])]
        var slow = Self.settings(receiver.url)
        slow.requestTimeout = .milliseconds(300)
        let slowSink = WebhookSink(settings: slow, logger: quietLogger)
        let late = await #expect(throws: SinkError.self) { try await slowSink.deliver(events) }
        await slowSink.close()
        #expect(late?.kind == .unavailable)
        #expect(late?.message == "webhook \(receiver.url): no answer within 0.3 s (the receiver is slow or stuck; retrying)")

        // https to a plain HTTP port: the TLS handshake fails.
        let tlsURL = "https://127.0.0.1:\(receiver.port)/hook"
        let tlsSink = WebhookSink(settings: Self.settings(tlsURL), logger: quietLogger)
        let tls = await #expect(throws: SinkError.self) { try await tlsSink.deliver(events) }
        await tlsSink.close()
        await receiver.stop()
        #expect(tls?.kind == .unavailable)
        #expect(tls?.message == "webhook \(tlsURL): TLS failed: the receiver does not speak TLS on this port (should the URL be http?)")
    }

    @Test("a sink let go without close() does not stop the process")
    func droppedWithoutClose() async throws {
        let receiver = try await WebhookReceiver.start(secret: Self.secret)
        do {
            let sink = WebhookSink(settings: Self.settings(receiver.url), logger: quietLogger)
            let events = [StoredEvent(seq: 1, snapshot: nil, event: DeliveryTestSupport.events(1)[0])]
            #expect(try await sink.deliver(events) == .delivered)
        }
        do {
            _ = WebhookSink(settings: Self.settings(receiver.url), logger: quietLogger)
        }
        // AsyncHTTPClient would have stopped the process at a running client's deinit by now.
        try await Task.sleep(for: .milliseconds(100))
        await receiver.stop()
        #expect(receiver.acceptedSeqs == [1])
    }

    @Test("a malformed or non-HTTP URL is misconfigured", arguments: ["not a url", "ftp://example.com/hook", "http://", "example.com/hook"])
    func malformedURL(url: String) async throws {
        let sink = WebhookSink(settings: Self.settings(url), logger: quietLogger)
        let events = [StoredEvent(seq: 1, snapshot: nil, event: DeliveryTestSupport.events(1)[0])]
        let error = await #expect(throws: SinkError.self) { try await sink.deliver(events) }
        #expect(error?.kind == .misconfigured)
        let idle = await #expect(throws: SinkError.self) { try await sink.keepAlive() }
        #expect(idle?.kind == .misconfigured)
        await sink.close()
    }

    @Test("statuses: 5xx retries, 401 is refused, 404 and redirects are misconfigured, none dead-letters")
    func statuses() async throws {
        let answers: [HTTPResponse.Status] = [.serviceUnavailable, .tooManyRequests, .unauthorized, .notFound, .movedPermanently]
        let receiver = try await WebhookReceiver.start(secret: nil) { index, _ in answers[index % answers.count] }
        var settings = Self.settings(receiver.url, secret: nil)
        settings.extraHeaders = ["Authorization": "Bearer token-1", "Content-Type": "text/plain"]
        let sink = WebhookSink(settings: settings, logger: quietLogger)
        let events = (1...3).map { StoredEvent(seq: Int64($0), snapshot: nil, event: DeliveryTestSupport.events(1, from: $0)[0]) }
        var errors: [SinkError] = []
        for _ in answers {
            do throws(SinkError) {
                _ = try await sink.deliver(events)
            } catch {
                errors.append(error)
            }
        }
        await sink.close()
        await receiver.stop()

        let url = receiver.url
        #expect(errors.map(\.kind) == [.unavailable, .unavailable, .refused, .misconfigured, .misconfigured])
        #expect(errors.first?.message == "webhook \(url): HTTP 503 (the receiver failed; retrying)")
        #expect(errors.map(\.message).allSatisfy { $0.hasPrefix("webhook \(url): HTTP ") })
        // Whole batches only: nothing was split to look for dead letters.
        let requests = receiver.requests
        #expect(requests.count == answers.count)
        #expect(requests.allSatisfy { $0.seqs == [1, 2, 3] })
        // No secret: no signature. Extra headers are sent, but cannot replace the sink's own.
        #expect(requests.allSatisfy { $0.headers["x-portsight-signature-256"] == nil })
        #expect(requests.allSatisfy { $0.headers["authorization"] == "Bearer token-1" })
        #expect(requests.allSatisfy { $0.headers["content-type"] == "application/json" })
    }
}
