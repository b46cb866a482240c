import Feed
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// A stand-in for the daemon's list: takes lines of 11 letters and digits, and can be told that
/// saving fails (a full disk).
final class FakeExpectedList: ExpectedList {
    let codes = Mutex<[String]>(["CSQU3054383"])
    let saveFails = Atomic<Bool>(false)

    func expectedCodes() -> [String] { codes.withLock { $0 } }

    func replaceExpected(text: String) throws(ExpectedListRejection) -> Int {
        var parsed: [String] = []
        for (index, line) in text.split(separator: "\n").enumerated() {
            guard line.count == 11, line.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw .invalid("line \(index + 1): '\(line)' is not a valid container code")
            }
            parsed.append(String(line))
        }
        if saveFails.load(ordering: .relaxed) { throw .notSaved("the list could not be saved to /full/disk: No space left on device") }
        codes.withLock { $0 = parsed.sorted() }
        return parsed.count
    }
}

@Suite struct ExpectedRouteTests {
    static let token = "0123456789abcdef-secret"
    static let auth: HTTPFields = [.authorization: "Bearer \(token)"]

    static func fixture(token: String? = Self.token) -> (FeedFixture, FakeExpectedList) {
        var fixture = FeedFixture(token: token)
        let list = FakeExpectedList()
        fixture.expected = list
        return (fixture, list)
    }

    @Test func getShowsTheListAndPutReplacesIt() async throws {
        let (fixture, list) = Self.fixture()
        try await fixture.makeApplication().test(.live) { client in
            try await client.execute(uri: "/expected", method: .get, headers: Self.auth) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"codes":["CSQU3054383"],"count":1}"#)
            }
            try await client.execute(uri: "/expected", method: .put, headers: Self.auth,
                                     body: ByteBuffer(string: "MSKU4135329\nDFSU4382559\n")) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"count":2}"#)
            }
            #expect(list.expectedCodes() == ["DFSU4382559", "MSKU4135329"])
            // The feed goes on answering on the same connection.
            try await client.execute(uri: "/status", method: .get, headers: Self.auth) { #expect($0.status == .ok) }
        }
    }

    @Test func aBadListIsRefusedAndTheOldOneStays() async throws {
        let (fixture, list) = Self.fixture()
        try await fixture.makeApplication().test(.router) { client in
            try await client.execute(uri: "/expected", method: .put, headers: Self.auth,
                                     body: ByteBuffer(string: "MSKU4135329\nnot-a-code\n")) { response in
                #expect(response.status == .badRequest)
                let body = try decode(FeedErrorBody.self, response.body)
                #expect(body.error == "line 2: 'not-a-code' is not a valid container code; the old list stays")
            }
            list.saveFails.store(true, ordering: .relaxed)
            try await client.execute(uri: "/expected", method: .put, headers: Self.auth, body: ByteBuffer(string: "MSKU4135329\n")) { response in
                #expect(response.status.code == 507)
                let body = try decode(FeedErrorBody.self, response.body)
                #expect(body.error.contains("No space left on device; the old list stays"))
            }
            try await client.execute(uri: "/expected", method: .put, headers: Self.auth,
                                     body: ByteBuffer(repeating: 65, count: 4 << 20 + 1)) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
        #expect(list.expectedCodes() == ["CSQU3054383"])
    }

    @Test func changingTheListNeedsTheToken() async throws {
        let (fixture, list) = Self.fixture()
        try await fixture.makeApplication().test(.router) { client in
            try await client.execute(uri: "/expected", method: .put, body: ByteBuffer(string: "MSKU4135329\n")) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/expected", method: .put, headers: [.authorization: "Bearer wrong-token-of-some-length"],
                                     body: ByteBuffer(string: "MSKU4135329\n")) { response in
                #expect(response.status == .unauthorized)
            }
        }
        // Without a token configured (a loopback feed), reading is open and changing is refused.
        let (open, openList) = Self.fixture(token: nil)
        try await open.makeApplication().test(.router) { client in
            try await client.execute(uri: "/expected", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/expected", method: .put, body: ByteBuffer(string: "MSKU4135329\n")) { response in
                #expect(response.status == .forbidden)
                let body = try decode(FeedErrorBody.self, response.body)
                #expect(body.error.contains("set feed.token"))
            }
        }
        #expect(list.expectedCodes() == ["CSQU3054383"])
        #expect(openList.expectedCodes() == ["CSQU3054383"])
    }

    @Test func otherMethodsAndPathsStayRefused() async throws {
        let (fixture, _) = Self.fixture()
        try await fixture.makeApplication().test(.router) { client in
            try await client.execute(uri: "/expected", method: .post, headers: Self.auth) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, PUT")
            }
            try await client.execute(uri: "/events", method: .put, headers: Self.auth, body: ByteBuffer(string: "x")) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
            }
        }
        // A feed without a list has no such route.
        let plain = FeedFixture(token: Self.token)
        try await plain.makeApplication().test(.router) { client in
            try await client.execute(uri: "/expected", method: .put, headers: Self.auth, body: ByteBuffer(string: "x")) { response in
                #expect(response.status == .methodNotAllowed)
            }
        }
    }
}
