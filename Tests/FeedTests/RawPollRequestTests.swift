import Metrics
import Testing
@testable import Feed

/// Which raw requests `PollAnswerHandler` may answer: only the plainest; the rest go to NIO's parser.
@Suite struct RawPollRequestTests {
    let token = "0123456789abcdef-secret"

    func routes(token: String? = nil) -> InlineRoutes {
        InlineRoutes(status: StatusBoard(version: "0.0.1-test", cameras: ["gate1"]), token: token,
                     metricsFactory: NOOPMetricsHandler.instance)
    }

    func match(_ text: String, token: String? = nil) -> InlineRoutes.RawMatch? {
        let routes = routes(token: token)
        return Array(text.utf8).withUnsafeBytes { routes.match(rawRequest: $0) }
    }

    @Test func plainPollsMatchWithTheirLength() {
        let status = "GET /status HTTP/1.1\r\nHost: localhost:8080\r\nUser-Agent: probe/1\r\nAccept: */*\r\n\r\n"
        #expect(match(status) == .init(route: 0, length: status.utf8.count))
        let healthz = "GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n"
        #expect(match(healthz) == .init(route: 1, length: healthz.utf8.count))
        // Only the first of two requests read together; the caller moves on by its length.
        #expect(match(status + healthz) == .init(route: 0, length: status.utf8.count))
        // Allowed extras: keep-alive, an empty body declared, spaces around values, names in any case.
        let extras = "GET /status HTTP/1.1\r\nHOST:x\r\nConnection:  Keep-Alive \r\ncontent-length: 0\r\n\r\n"
        #expect(match(extras) == .init(route: 0, length: extras.utf8.count))
    }

    @Test(arguments: [
        "GET /status?x=1 HTTP/1.1\r\nHost: x\r\n\r\n",        // a query: the router's
        "GET /statusx HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /events HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET http://x/status HTTP/1.1\r\nHost: x\r\n\r\n",    // absolute form
        "HEAD /status HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST /status HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
        "get /status HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /status HTTP/1.0\r\nHost: x\r\n\r\n",            // keep-alive rules differ
        "GET  /status HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /status HTTP/1.1\r\n\r\n",                        // no Host
        "GET /status HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
        "GET /status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "GET /status HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, Upgrade\r\n\r\n",
        "GET /status HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc",
        "GET /status HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "GET /status HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n",
        "GET /status HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n",
        "GET /status HTTP/1.1\nHost: x\n\n",                  // bare line feeds
        "GET /status HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n",
        "GET /status HTTP/1.1\r\nHost: x\r\nX-A: a\u{01}b\r\n\r\n",
        "GET /status HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n",
        "GET /status HTTP/1.1\r\nHost: x\r\n: empty-name\r\n\r\n",
        "GET /status HTTP/1.1\r\nHost: x\r\n",                // the head is not all here
        "GET /status HTTP/1.1\r\nHost: x\r\n\r",
        "GET /stat",
        "",
    ])
    func anythingElseIsLeftToTheParser(_ request: String) {
        #expect(match(request) == nil)
    }

    @Test func aHeadLongerThanTheLimitIsLeftToTheParser() {
        let filler = String(repeating: "a", count: InlineRoutes.maxRawHeadBytes)
        #expect(match("GET /status HTTP/1.1\r\nHost: x\r\nX-Filler: \(filler)\r\n\r\n") == nil)
    }

    @Test func withATokenStatusNeedsItAndHealthzDoesNot() {
        let plain = "GET /status HTTP/1.1\r\nHost: x\r\n\r\n"
        #expect(match(plain, token: token) == nil)
        #expect(match("GET /status HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong\r\n\r\n", token: token) == nil)
        #expect(match("GET /status HTTP/1.1\r\nHost: x\r\nAuthorization: Basic \(token)\r\n\r\n", token: token) == nil)
        let twice = "GET /status HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nAuthorization: Bearer \(token)\r\n\r\n"
        #expect(match(twice, token: token) == nil)
        let good = "GET /status HTTP/1.1\r\nHost: x\r\nauthorization: bearer \(token)\r\n\r\n"
        #expect(match(good, token: token) == .init(route: 0, length: good.utf8.count))
        #expect(match("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", token: token) != nil)
    }
}
