import Events
import Feed
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct EventsRouteTests {
    @Test func pagingCollectsEveryEventOnceInOrder() async throws {
        let fixture = FeedFixture()
        try await fixture.append(250)
        let app = try fixture.makeApplication()
        try await app.test(.router) { client in
            var seen: [Int64] = []
            var since: Int64 = 0
            for _ in 0..<10 {
                let page = try await client.execute(uri: "/events?since=\(since)&limit=60", method: .get) { response in
                    #expect(response.status == .ok)
                    return try decode(EventsPage.self, response.body)
                }
                seen += page.events.map(\.seq)
                #expect(page.next == (page.events.last?.seq ?? since))
                if page.events.isEmpty { break }
                since = page.next
            }
            #expect(seen == Array(1...250))
            #expect(since == 250)
        }
    }

    @Test func defaultsAreSinceZeroAndLimit100() async throws {
        let fixture = FeedFixture()
        try await fixture.append(150)
        let app = try fixture.makeApplication()
        try await app.test(.router) { client in
            let page = try await client.execute(uri: "/events", method: .get) { try decode(EventsPage.self, $0.body) }
            #expect(page.events.map(\.seq) == Array(1...100))
            #expect(page.next == 100)
            let empty = try await client.execute(uri: "/events?since=150", method: .get) { try decode(EventsPage.self, $0.body) }
            #expect(empty.events.isEmpty && empty.next == 150)
        }
    }

    @Test func filtersByCameraAndType() async throws {
        let fixture = FeedFixture()
        // Cameras alternate gate1/gate2 and types alternate entered/left, offset by a third camera.
        try await fixture.append(60, cameras: ["gate1", "gate2", "gate3"])
        let all = try await fixture.store.events(since: 0, limit: 1000)
        let expected = all.events.filter { $0.camera == "gate2" && $0.type == .objectLeft }.map(\.seq)
        let app = try fixture.makeApplication()
        try await app.test(.router) { client in
            var seen: [Int64] = []
            var since: Int64 = 0
            while true {
                let page = try await client.execute(uri: "/events?since=\(since)&limit=3&camera=gate2&type=object.left", method: .get) {
                    try decode(EventsPage.self, $0.body)
                }
                #expect(page.events.allSatisfy { $0.camera == "gate2" && $0.type == .objectLeft })
                seen += page.events.map(\.seq)
                if page.events.isEmpty { break }
                since = page.next
            }
            #expect(!expected.isEmpty)
            #expect(seen == expected)
        }
    }

    @Test func eventsKeepTheirStoredJSON() async throws {
        let fixture = FeedFixture()
        let stored = try await fixture.append(2)
        let app = try fixture.makeApplication()
        try await app.test(.router) { client in
            try await client.execute(uri: "/events", method: .get) { response in
                let expected = "{\"events\":[\(stored[0].jsonLine()),\(stored[1].jsonLine())],\"next\":2}"
                #expect(String(buffer: response.body) == expected)
            }
        }
    }

    @Test(arguments: [
        ("since=abc", "since"), ("since=-1", "since"), ("since=1.5", "since"), ("limit=0", "limit"),
        ("limit=1001", "limit"), ("limit=ten", "limit"), ("limit=-5", "limit"), ("type=object.exploded", "type"),
        ("camera=", "camera"), ("sinse=4", "sinse"),
    ])
    func badParameterGives400NamingIt(query: String, parameter: String) async throws {
        let app = try FeedFixture().makeApplication()
        try await app.test(.router) { client in
            try await client.execute(uri: "/events?\(query)", method: .get) { response in
                #expect(response.status == .badRequest)
                let body = try decode(FeedErrorBody.self, response.body)
                #expect(body.parameter == parameter)
                #expect(!body.error.isEmpty)
            }
        }
    }

    @Test func errorsSayWhatIsAllowed() async throws {
        let app = try FeedFixture().makeApplication()
        try await app.test(.router) { client in
            let limit = try await client.execute(uri: "/events?limit=5000", method: .get) { try decode(FeedErrorBody.self, $0.body) }
            #expect(limit.error.contains("1 to 1000"))
            let type = try await client.execute(uri: "/events?type=nope", method: .get) { try decode(FeedErrorBody.self, $0.body) }
            #expect(type.error.contains("container.identified"))
        }
    }
}
