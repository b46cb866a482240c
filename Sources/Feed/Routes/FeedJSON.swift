import Foundation
import Hummingbird

/// How the feed's own answers (status, errors, readiness) are written as JSON: sorted keys, like
/// the events' format, so the same value always gives the same bytes.
public enum FeedJSON {
    /// The encoder every JSON body of the feed is written with (`StatusJSON` writes the same bytes by hand).
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }

    /// The `Content-Type` of every JSON answer.
    static let contentType = "application/json; charset=utf-8"

    /// A JSON response with `value` as its body.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        // Every value the feed encodes is plain data with finite-or-stringified numbers.
        guard let data = try? makeEncoder().encode(value) else { preconditionFailure("feed JSON did not encode") }
        return response(bytes: data, status: status, headers: headers)
    }

    /// A JSON response with already encoded bytes.
    static func response(bytes: some Sequence<UInt8>, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        response(buffer: ByteBuffer(bytes: bytes), status: status, headers: headers)
    }

    /// A JSON response with an already encoded body.
    static func response(buffer: ByteBuffer, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = contentType
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: buffer))
    }
}
