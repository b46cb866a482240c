import Foundation

/// The one place that decides how events look as JSON, so the feed, SSE, MQTT, webhooks and
/// replay output all print the same bytes for the same event.
///
/// Keys are sorted (`camera`, `container`, `id`, `media_time_s`, `seq`, ...): Foundation does not
/// promise to keep declaration order, and sorted keys make the output byte-for-byte reproducible.
public enum EventJSON {
    /// An encoder with the event format's settings: sorted keys, unescaped slashes, one line.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // `validate()` keeps non-finite numbers out of the store; this only keeps encoding total.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }

    /// A decoder for the event format.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return decoder
    }

    /// Decodes one event from its JSON object.
    public static func decode(_ data: Data) throws -> StoredEvent {
        try makeDecoder().decode(StoredEvent.self, from: data)
    }
}

extension StoredEvent {
    /// The event's JSON object on one line, without a trailing newline: what the feed and the
    /// replay output print. The same event always gives the same bytes.
    public func jsonLine() -> String {
        jsonLine(using: EventJSON.makeEncoder())
    }

    /// `jsonLine()` with an encoder made by `EventJSON.makeEncoder()`, for loops over many events.
    public func jsonLine(using encoder: JSONEncoder) -> String {
        // Every field is a plain value type and non-finite numbers become strings, so encoding cannot fail.
        guard let data = try? encoder.encode(self) else { preconditionFailure("event \(seq) did not encode") }
        return String(decoding: data, as: UTF8.self)
    }
}
