import Delivery
import Events
import Foundation
import Testing

@Suite struct WebhookSignatureTests {
    @Test("HMAC-SHA256 gives RFC 4231's test case 2, as GitHub's sha256= header")
    func knownAnswer() {
        let signature = WebhookSignature.sign(body: Data("what do ya want for nothing?".utf8), secret: "Jefe")
        #expect(signature == "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test("verify accepts the signature of the body and nothing else")
    func verify() {
        let body = Data(#"{"events":[],"site":"yard","sink":"hook"}"#.utf8)
        let signature = WebhookSignature.sign(body: body, secret: "s3cret")
        #expect(WebhookSignature.verify(body: body, secret: "s3cret", signature: signature))
        #expect(WebhookSignature.verify(body: body, secret: "s3cret", signature: signature.uppercased().replacingOccurrences(of: "SHA256=", with: "sha256=")))

        var changed = body
        changed[changed.count - 2] = UInt8(ascii: "x")
        #expect(!WebhookSignature.verify(body: changed, secret: "s3cret", signature: signature))
        #expect(!WebhookSignature.verify(body: body, secret: "other", signature: signature))
        #expect(!WebhookSignature.verify(body: body, secret: "s3cret", signature: String(signature.dropLast())))
        #expect(!WebhookSignature.verify(body: body, secret: "s3cret", signature: String(signature.dropFirst(7))))
        #expect(!WebhookSignature.verify(body: body, secret: "s3cret", signature: "sha256=" + String(repeating: "zz", count: 32)))
    }

    @Test("the body is the events exactly as EventJSON encodes them, with the site and the sink")
    func bodyFormat() throws {
        let events = (1...3).map { seq in
            StoredEvent(seq: Int64(seq), snapshot: nil, event: DeliveryTestSupport.events(1, from: seq)[0])
        }
        let data = try WebhookBody(site: "yard \"north\"", sink: "hook", events: events).encoded()
        let text = String(decoding: data, as: UTF8.self)
        // Keys sorted, as everywhere in the event format: events, sink, site.
        let expected = #"{"events":["# + events.map { $0.jsonLine() }.joined(separator: ",") + #"],"sink":"hook","site":"yard \"north\""}"#
        #expect(text == expected)
        #expect(try WebhookBody.decode(data) == WebhookBody(site: "yard \"north\"", sink: "hook", events: events))
    }
}
