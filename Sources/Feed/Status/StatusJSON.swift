import Events
import Hummingbird

/// Writes a `/status` body by hand, with the same bytes as `FeedJSON`'s encoder (sorted keys,
/// nulls written out, non-finite numbers as strings). Foundation's encoder goes through a
/// boxed tree of values and costs several times more; a poller at thousands of requests a second
/// takes that CPU from the pipelines.
public enum StatusJSON {
    /// The body of `snapshot`.
    public static func encode(_ snapshot: StatusSnapshot) -> ByteBuffer {
        var out = ByteBuffer()
        out.reserveCapacity(256 + 400 * snapshot.cameras.count + 300 * snapshot.sinks.count)
        out.writeStaticString("{\"cameras\":[")
        for (index, camera) in snapshot.cameras.enumerated() {
            if index > 0 { out.writeStaticString(",") }
            write(camera, to: &out)
        }
        out.writeStaticString("],\"inference\":{\"backend\":")
        write(snapshot.inference.backend, to: &out)
        out.writeStaticString(",\"code_reader\":")
        if let queue = snapshot.inference.codeReader {
            write(queue, to: &out)
        } else {
            out.writeStaticString("null")
        }
        out.writeStaticString(",\"detector\":")
        if let queue = snapshot.inference.detector {
            write(queue, to: &out)
        } else {
            out.writeStaticString("null")
        }
        out.writeStaticString("},\"sinks\":[")
        for (index, sink) in snapshot.sinks.enumerated() {
            if index > 0 { out.writeStaticString(",") }
            write(sink, to: &out)
        }
        out.writeStaticString("],\"store\":{\"free_disk_bytes\":")
        write(snapshot.store.freeDiskBytes, to: &out)
        out.writeStaticString(",\"last_error\":")
        write(snapshot.store.lastError, to: &out)
        out.writeStaticString(",\"last_seq\":")
        write(snapshot.store.lastSeq, to: &out)
        out.writeStaticString(",\"pending_events\":")
        write(snapshot.store.pendingEvents, to: &out)
        out.writeStaticString(",\"size_bytes\":")
        write(snapshot.store.sizeBytes, to: &out)
        out.writeStaticString(",\"write_failures\":")
        write(snapshot.store.writeFailures, to: &out)
        out.writeStaticString("},\"uptime_s\":")
        write(snapshot.uptimeS, to: &out)
        out.writeStaticString(",\"version\":")
        write(snapshot.version, to: &out)
        out.writeStaticString("}")
        return out
    }

    private static func write(_ camera: CameraStatus, to out: inout ByteBuffer) {
        out.writeStaticString("{\"detector_ms_per_run\":")
        write(camera.detectorMsPerRun, to: &out)
        out.writeStaticString(",\"detector_runs_per_s\":")
        write(camera.detectorRunsPerS, to: &out)
        out.writeStaticString(",\"dropped_frames\":")
        write(camera.droppedFrames, to: &out)
        out.writeStaticString(",\"fps_processed\":")
        write(camera.fpsProcessed, to: &out)
        out.writeStaticString(",\"fps_read\":")
        write(camera.fpsRead, to: &out)
        out.writeStaticString(",\"id\":")
        write(camera.id, to: &out)
        out.writeStaticString(",\"last_frame_age_s\":")
        write(camera.lastFrameAgeS, to: &out)
        out.writeStaticString(",\"latency_p50_ms\":")
        write(camera.latencyP50Ms, to: &out)
        out.writeStaticString(",\"latency_p99_ms\":")
        write(camera.latencyP99Ms, to: &out)
        out.writeStaticString(",\"reconnects_last_hour\":")
        write(Int64(camera.reconnectsLastHour), to: &out)
        out.writeStaticString(",\"stalls_last_hour\":")
        write(Int64(camera.stallsLastHour), to: &out)
        out.writeStaticString(",\"state\":")
        write(camera.state.rawValue, to: &out)
        out.writeStaticString("}")
    }

    private static func write(_ queue: QueueStatus, to out: inout ByteBuffer) {
        out.writeStaticString("{\"dropped\":")
        write(queue.dropped, to: &out)
        out.writeStaticString(",\"ms_p50\":")
        write(queue.msP50, to: &out)
        out.writeStaticString(",\"ms_p99\":")
        write(queue.msP99, to: &out)
        out.writeStaticString(",\"queued\":")
        write(queue.queued, to: &out)
        out.writeStaticString(",\"runs\":")
        write(queue.runs, to: &out)
        out.writeStaticString(",\"runs_per_s\":")
        write(queue.runsPerS, to: &out)
        out.writeStaticString(",\"wait_ms_p50\":")
        write(queue.waitMsP50, to: &out)
        out.writeStaticString(",\"wait_ms_p99\":")
        write(queue.waitMsP99, to: &out)
        out.writeStaticString("}")
    }

    private static func write(_ sink: SinkStatus, to out: inout ByteBuffer) {
        out.writeStaticString("{\"cursor\":")
        write(sink.cursor, to: &out)
        out.writeStaticString(",\"dead_letters\":")
        write(Int64(sink.deadLetters), to: &out)
        out.writeStaticString(",\"delivered\":")
        write(sink.delivered, to: &out)
        out.writeStaticString(",\"failures\":")
        write(sink.failures, to: &out)
        out.writeStaticString(",\"kind\":")
        write(sink.kind, to: &out)
        out.writeStaticString(",\"lag_events\":")
        write(sink.lagEvents, to: &out)
        out.writeStaticString(",\"lag_s\":")
        write(sink.lagS, to: &out)
        out.writeStaticString(",\"last_error\":")
        write(sink.lastError, to: &out)
        out.writeStaticString(",\"name\":")
        write(sink.name, to: &out)
        out.writeStaticString(",\"state\":")
        write(sink.state.rawValue, to: &out)
        out.writeStaticString("}")
    }

    private static func write(_ value: Int64?, to out: inout ByteBuffer) {
        if let value { write(value, to: &out) } else { out.writeStaticString("null") }
    }

    private static func write(_ value: Int64, to out: inout ByteBuffer) {
        out.writeString(String(value))
    }

    private static func write(_ value: Double?, to out: inout ByteBuffer) {
        if let value { write(value, to: &out) } else { out.writeStaticString("null") }
    }

    /// Swift's shortest round-trip form, as the encoder writes it: integral values without ".0",
    /// non-finite values as the strings the encoder is configured with.
    private static func write(_ value: Double, to out: inout ByteBuffer) {
        let text = value.description
        if value.isNaN {
            out.writeStaticString("\"NaN\"")
        } else if value.isInfinite {
            out.writeStaticString(value > 0 ? "\"Infinity\"" : "\"-Infinity\"")
        } else if text.hasSuffix(".0") {
            out.writeSubstring(text.dropLast(2))
        } else {
            out.writeString(text)
        }
    }

    private static func write(_ value: String?, to out: inout ByteBuffer) {
        if let value { write(value, to: &out) } else { out.writeStaticString("null") }
    }

    /// A JSON string: quotes, backslashes and control characters escaped, the rest as UTF-8.
    private static func write(_ value: String, to out: inout ByteBuffer) {
        out.writeStaticString("\"")
        var plainStart = value.utf8.startIndex
        for index in value.utf8.indices {
            let byte = value.utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            out.writeBytes(value.utf8[plainStart..<index])
            switch byte {
            case UInt8(ascii: "\""): out.writeStaticString("\\\"")
            case UInt8(ascii: "\\"): out.writeStaticString("\\\\")
            case 0x0A: out.writeStaticString("\\n")
            case 0x0D: out.writeStaticString("\\r")
            case 0x09: out.writeStaticString("\\t")
            case 0x08: out.writeStaticString("\\b")
            case 0x0C: out.writeStaticString("\\f")
            default:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out.writeStaticString("\\u00")
                out.writeBytes([hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            }
            plainStart = value.utf8.index(after: index)
        }
        out.writeBytes(value.utf8[plainStart...])
        out.writeStaticString("\"")
    }
}
