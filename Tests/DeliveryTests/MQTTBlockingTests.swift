import Delivery
import Foundation
import Glibc
import Synchronization
import Testing
import TestSupport

/// A broker that accepts every connection (CONNACK) and then never acknowledges anything: a
/// sink's clean close waits out its flush there.
final class SilentBroker: Sendable {
    let port: Int
    private let listener: LoopbackListener

    init() throws {
        listener = try LoopbackListener()
        port = listener.port
        let fd = listener.fd
        Thread { [fd] in
            while true {
                let client = accept(fd, nil, nil)
                guard client >= 0 else { return }
                Thread {
                    var buffer = [UInt8](repeating: 0, count: 4096)
                    var answered = false
                    while recv(client, &buffer, buffer.count, 0) > 0 {
                        if !answered {
                            let connack: [UInt8] = [0x20, 0x02, 0x00, 0x00]
                            _ = send(client, connack, connack.count, Int32(MSG_NOSIGNAL))
                            answered = true
                        }
                    }
                    close(client)
                }.start()
            }
        }.start()
    }

    func stop() {
        shutdown(listener.fd, Int32(SHUT_RDWR))
    }
}

/// libmosquitto's blocking calls do not hold Swift's cooperative threads.
@Suite struct MQTTBlockingTests {
    @Test("closing sinks whose broker never acknowledges leaves the cooperative pool free")
    func closeDoesNotBlockThePool() async throws {
        let broker = try SilentBroker()
        defer { broker.stop() }
        // More sinks than the pool has threads: were their flushes on it, nothing else could run.
        let count = max(8, 2 * ProcessInfo.processInfo.activeProcessorCount)
        var sinks: [MQTTSink] = []
        for index in 0..<count {
            var settings = MQTTSinkSettings(name: "s\(index)", host: "127.0.0.1", port: broker.port, clientID: "silent-\(index)",
                                            site: "t", version: "test")
            settings.connectTimeout = .seconds(5)
            let sink = MQTTSink(settings: settings, logger: quietLogger)
            try await sink.keepAlive()
            sinks.append(sink)
        }
        let started = ContinuousClock.now
        let longestGap = Mutex(Duration.zero)
        let ticker = Task {
            var last = ContinuousClock.now
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(20))
                let now = ContinuousClock.now
                longestGap.withLock { $0 = max($0, now - last) }
                last = now
            }
        }
        await withTaskGroup(of: Void.self) { group in
            for sink in sinks { group.addTask { await sink.close() } }
        }
        let closing = ContinuousClock.now - started
        ticker.cancel()
        await ticker.value
        // Each close waited for its offline status to be acknowledged (2 s, never) ...
        #expect(closing >= .seconds(1.5))
        // ... while other tasks kept running (with the flushes on the pool, nothing ran until they ended).
        #expect(longestGap.withLock { $0 } < closing - .milliseconds(500))
    }
}
