import Feed
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct MetricsRouteTests {
    @Test func metricsShowStatusGaugesAndRequestCounts() async throws {
        let fixture = FeedFixture()
        fixture.board.updateCamera("gate1") { camera in
            camera.state = .online
            camera.fpsProcessed = 12.5
            camera.droppedFrames = 3
            camera.detectorMsPerRun = 41
        }
        fixture.board.setStore(StoreStatus(lastSeq: 77, sizeBytes: 2048))
        fixture.board.updateSink("mqtt") {
            $0.lagEvents = 5
            $0.state = .delivering
            $0.deadLetters = 2
        }
        let app = try fixture.makeApplication()
        try await app.test(.router) { client in
            _ = try await client.execute(uri: "/status", method: .get)
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = String(buffer: response.body)
                for line in [
                    "portsight_camera_fps_processed{camera=\"gate1\"} 12.5",
                    "portsight_camera_dropped_frames{camera=\"gate1\"} 3.0",
                    "portsight_camera_detector_ms_per_run{camera=\"gate1\"} 41.0",
                    "portsight_camera_online{camera=\"gate2\"} 0.0",
                    "portsight_store_last_seq 77.0",
                    "portsight_sink_lag_events{sink=\"mqtt\"} 5.0",
                    "portsight_sink_up{sink=\"mqtt\"} 1.0",
                    "portsight_sink_dead_letters{sink=\"mqtt\"} 2.0",
                    "# TYPE portsight_uptime_seconds gauge",
                    "portsight_feed_requests_total{route=\"/status\",status=\"200\"} 1",
                    "# TYPE portsight_feed_request_duration_seconds histogram",
                    "portsight_feed_request_duration_seconds_count{route=\"/status\"} 1",
                    "portsight_feed_request_duration_seconds_bucket{route=\"/status\",le=\"+Inf\"} 1",
                ] {
                    #expect(text.contains(line), "\(line)")
                }
                // The fine buckets are there, and the one request is counted in some of them.
                let buckets = text.split(separator: "\n").filter {
                    $0.hasPrefix("portsight_feed_request_duration_seconds_bucket{route=\"/status\",le=\"")
                }
                #expect(buckets.count == FeedServer.requestDurationBuckets.count + 1, "\(buckets)")
                #expect(buckets.first?.contains("le=\"5e-05\"") == true || buckets.first?.contains("le=\"0.00005\"") == true, "\(buckets)")
            }
        }
    }

    @Test func camerasThatLeaveTheBoardLeaveTheMetrics() async throws {
        let fixture = FeedFixture()
        let app = try fixture.makeApplication()
        try await app.test(.router) { client in
            let before = try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
            #expect(before.contains("camera=\"gate2\""))
            fixture.board.removeCamera("gate2")
            let after = try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
            #expect(!after.contains("camera=\"gate2\""))
            #expect(after.contains("camera=\"gate1\""))
        }
    }
}
