import Prometheus
import Synchronization

/// Publishes the status board's figures as Prometheus gauges at scrape time, then renders the
/// whole registry (these gauges and every metric the daemon's libraries record through
/// swift-metrics) in the Prometheus text format.
///
/// Gauges of cameras and sinks that left the board are unregistered, so a scrape never shows a
/// stale figure for something that no longer exists.
public final class StatusMetrics: Sendable {
    /// The registry the daemon bootstrapped `MetricsSystem` with.
    public let registry: PrometheusCollectorRegistry
    private let published = Mutex(PublishedGauges())

    /// Creates the publisher over `registry`.
    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// Sets the gauges from `snapshot` and returns the registry's text.
    public func render(_ snapshot: StatusSnapshot) -> [UInt8] {
        published.withLock { published in
            var cameras: [String: [Gauge]] = [:]
            for camera in snapshot.cameras {
                let labels = [("camera", camera.id)]
                let gauges = [
                    gauge("portsight_camera_online", labels, "1 when the camera is online, else 0", camera.state == .online ? 1 : 0),
                    gauge("portsight_camera_fps_read", labels, "Frames read from the source per second", camera.fpsRead),
                    gauge("portsight_camera_fps_processed", labels, "Frames processed per second", camera.fpsProcessed),
                    gauge("portsight_camera_dropped_frames", labels, "Frames dropped since start", Double(camera.droppedFrames)),
                    gauge("portsight_camera_detector_runs_per_second", labels, "Detector runs per second", camera.detectorRunsPerS),
                    gauge("portsight_camera_detector_ms_per_run", labels, "Milliseconds per detector run", camera.detectorMsPerRun),
                ]
                cameras[camera.id] = gauges
            }
            var sinks: [String: [Gauge]] = [:]
            for sink in snapshot.sinks {
                let labels = [("sink", sink.name)]
                sinks[sink.name] = [
                    gauge("portsight_sink_lag_events", labels, "Events committed but not yet delivered", Double(sink.lagEvents)),
                    gauge("portsight_sink_lag_seconds", labels, "Age of the oldest undelivered event", sink.lagS),
                    gauge("portsight_sink_cursor", labels, "Last seq the sink delivered", Double(sink.cursor)),
                    gauge("portsight_sink_up", labels, "1 when the sink is delivering, else 0", sink.state == .delivering ? 1 : 0),
                    gauge("portsight_sink_dead_letters", labels, "Events the receiver refused for good", Double(sink.deadLetters)),
                ]
            }
            _ = gauge("portsight_store_last_seq", [], "Highest event seq committed", Double(snapshot.store.lastSeq))
            _ = gauge("portsight_store_size_bytes", [], "Bytes the event store takes on disk", Double(snapshot.store.sizeBytes))
            _ = gauge("portsight_store_pending_events", [], "Events accepted and not yet committed", Double(snapshot.store.pendingEvents))
            _ = gauge("portsight_store_write_failures", [], "Store writes that failed since the start (each retried)",
                      Double(snapshot.store.writeFailures))
            if let free = snapshot.store.freeDiskBytes {
                _ = gauge("portsight_store_free_disk_bytes", [], "Free bytes on the store's file system", Double(free))
            }
            _ = gauge("portsight_uptime_seconds", [], "Seconds since the daemon started", snapshot.uptimeS)
            for (model, queue) in [("detector", snapshot.inference.detector), ("code_reader", snapshot.inference.codeReader)] {
                guard let queue else { continue }
                let labels = [("model", model)]
                _ = gauge("portsight_model_runs", labels, "Runs since start", Double(queue.runs))
                _ = gauge("portsight_model_dropped", labels, "Jobs dropped since start", Double(queue.dropped))
                _ = gauge("portsight_model_queued", labels, "Jobs waiting", Double(queue.queued))
                _ = gauge("portsight_model_ms_p99", labels, "Milliseconds per run, 99th percentile of the last runs", queue.msP99)
                _ = gauge("portsight_model_wait_ms_p99", labels, "Milliseconds a job waited, 99th percentile", queue.waitMsP99)
            }

            for (id, gauges) in published.cameras where cameras[id] == nil {
                gauges.forEach(registry.unregisterGauge)
            }
            for (name, gauges) in published.sinks where sinks[name] == nil {
                gauges.forEach(registry.unregisterGauge)
            }
            published.cameras = cameras
            published.sinks = sinks
            return registry.emitToBuffer()
        }
    }

    private func gauge(_ name: String, _ labels: [(String, String)], _ help: String, _ value: Double) -> Gauge {
        // The whole name in `metricName`: empty parts of a descriptor are left out of the name.
        let descriptor = MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
        let gauge = registry.makeGauge(descriptor: descriptor, labels: labels)
        gauge.set(value)
        return gauge
    }
}

/// The labelled gauges set by the last scrape, by camera id and sink name.
private struct PublishedGauges: Sendable {
    var cameras: [String: [Gauge]] = [:]
    var sinks: [String: [Gauge]] = [:]
}
