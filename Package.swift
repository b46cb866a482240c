// swift-tools-version: 6.2
import PackageDescription

// OpenCV comes from Debian's libopencv-dev (scripts/setup). Only the libraries the shim uses are
// linked: naming them keeps start-up fast and resident memory low (see ../shared/docs/PLATFORM.md).
let openCVLibraries = ["opencv_core", "opencv_imgproc", "opencv_imgcodecs", "opencv_videoio", "opencv_dnn"]
// Video files and streams are decoded with FFmpeg's libraries directly (grey frames skip BGR).
let ffmpegLibraries = ["avformat", "avcodec", "avutil", "swscale"]

let package = Package(
    name: "Portsight",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "portsight", targets: ["portsight"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // Already in the graph through async-http-client; named so the webhook sink may sort its
        // connection and TLS errors (NIOConnectionError, IOError, NIOSSLError) into plain words.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // In the graph through Hummingbird; the feed answers /status on the event loop in its types.
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        // The only code that sees C++: a plain C surface over OpenCV, FFmpeg and libjpeg-turbo.
        .target(
            name: "CVShim",
            cxxSettings: [.unsafeFlags(["-I/usr/include/opencv4", "-O2"])],
            linkerSettings: (openCVLibraries + ffmpegLibraries + ["jpeg"]).map { .linkedLibrary($0) }
        ),
        // A plain C surface over OpenVINO's C API, loaded with dlopen: the build needs no OpenVINO, and
        // a machine without it runs its networks through OpenCV.
        .target(name: "OVShim", linkerSettings: [.linkedLibrary("dl")]),
        // Loads and runs networks through OpenVINO or OpenCV's dnn behind one protocol.
        .target(
            name: "Inference",
            dependencies: ["OVShim", "CVBridge", .product(name: "Logging", package: "swift-log")]
        ),
        // Swift owners of the shim's handles: captures, codecs, OpenCV reference operations.
        .target(name: "CVBridge", dependencies: ["CVShim", "PixelCore"]),
        // ISO 6346 container codes: check digit, size/type codes, candidate search, voting. Pure Swift.
        .target(name: "ContainerCode"),
        // Licence plate formats, the search under them and the vote along a track; pure Swift.
        .target(name: "Plates", dependencies: ["ContainerCode"]),
        // The hot path: pure Swift, no dependencies. Always optimised, so that debug builds and the
        // tests run the same code the daemon runs (unoptimised generics allocate per element).
        .target(name: "PixelCore", swiftSettings: [.unsafeFlags(["-O"])]),
        // Durations as seconds and milliseconds, and figures rounded for reports, for every module
        // that times or reports something.
        .target(name: "Timing"),
        // Where frames come from: files, streams, devices, image folders.
        .target(
            name: "FrameSources",
            dependencies: ["CVBridge", "PixelCore", "Timing", .product(name: "Logging", package: "swift-log")]
        ),
        // What was found in a frame: detections, categories, the category map, region planning. Pure Swift.
        .target(name: "Detection", dependencies: ["PixelCore"]),
        // Tracks from detections: association, Kalman filter, stationary objects, zones and lines. No I/O.
        .target(name: "Tracking", dependencies: ["Detection", "PixelCore"]),
        // The event model and the durable event store (SQLite through GRDB), with an in-memory twin.
        .target(
            name: "Events",
            dependencies: [
                "Detection", "PixelCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        // A plain C surface over the kernel's per-thread time slice (sched_setattr), which Swift cannot call.
        .target(name: "SchedShim"),
        // A plain C surface over libmosquitto (Debian's libmosquitto-dev): one client, its acknowledgements.
        .target(name: "MQTTShim", linkerSettings: [.linkedLibrary("mosquitto")]),
        // Delivery of stored events to MQTT brokers and webhooks, at least once, from durable cursors.
        .target(
            name: "Delivery",
            dependencies: [
                "Events", "MQTTShim", "Timing",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // The daemon: its YAML configuration, camera workers and their health, and its runtime (the
        // services, start-up order, signals, systemd) that `portsight run` and tests start in-process.
        .target(
            name: "Daemon",
            dependencies: [
                "Tracking", "Detection", "Events", "FrameSources", "Inference", "Pipeline", "PixelCore", "Timing", "Vision", "CVBridge",
                "ContainerCode", "Plates", "SchedShim",
                "Feed", "Delivery",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Models over the inference engine: object detection (YOLO), text detection (DB), recognition
        // (CTC), the container-code reader.
        .target(name: "Vision", dependencies: ["CVBridge", "Inference", "PixelCore", "Timing", "ContainerCode", "Detection", "Plates"]),
        // One camera's pipeline: source, pixel core, reports.
        .target(
            name: "Pipeline",
            dependencies: [
                "FrameSources", "PixelCore", "Timing", "CVBridge", "Detection", "Vision", "Tracking", "Events", "ContainerCode",
                "Plates",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The HTTP status and event feed: /status, /events, SSE, /metrics, snapshots, the status page.
        .target(
            name: "Feed",
            dependencies: [
                "Events",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        // The options and helpers the command-line tools share: logging, detector, inference and
        // motion options, errors that end a command.
        .target(
            name: "CommandOptions",
            dependencies: [
                "CVBridge", "Detection", "FrameSources", "Inference", "PixelCore", "Vision",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "portsight",
            dependencies: [
                "CommandOptions", "Pipeline", "FrameSources", "PixelCore", "Timing", "CVBridge", "Inference", "Vision", "ContainerCode", "Detection",
                "Tracking", "Events", "Daemon", "Feed", "Delivery", "Plates",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The benchmarks behind scripts/bench: kept out of the daemon's binary.
        .executableTarget(
            name: "portsight-bench",
            dependencies: [
                "CommandOptions", "Pipeline", "FrameSources", "PixelCore", "Timing", "CVBridge", "Inference", "Vision", "Detection",
                "Events", "Feed", "Delivery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Appends synthetic events to a SQLite event store: the kill test's child, and the store
        // benchmark behind scripts/benchmarks/bench-events.
        .executableTarget(
            name: "portsight-eventload",
            dependencies: [
                "Events", "Detection", "PixelCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "ContainerCodeTests", dependencies: ["ContainerCode"]),
        .testTarget(name: "PlatesTests", dependencies: ["Plates", "ContainerCode"]),
        .testTarget(name: "DetectionTests", dependencies: ["Detection", "PixelCore", "TestSupport"]),
        .testTarget(
            name: "DaemonTests",
            dependencies: [
                "Daemon", "Tracking", "TestSupport", "Events", "Inference", "Vision", "ContainerCode", "Feed", "Plates",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .testTarget(name: "TrackingTests", dependencies: ["Tracking", "Detection", "PixelCore", "TestSupport"]),
        .testTarget(
            name: "EventsTests",
            dependencies: [
                "Events", "Detection", "PixelCore", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "FeedTests",
            dependencies: [
                "Feed", "Events",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "DeliveryTests",
            dependencies: [
                "Daemon", "Delivery", "Events", "Feed", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "VisionTests",
            dependencies: ["Vision", "Inference", "ContainerCode", "CVBridge", "Detection", "PixelCore", "Plates", "TestSupport",
                           .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "InferenceTests",
            dependencies: ["Inference", "CVBridge", "PixelCore", "TestSupport", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "PixelCoreTests", dependencies: ["PixelCore", "CVBridge", "TestSupport", "AllocationCounter"]),
        .testTarget(name: "CVBridgeTests", dependencies: ["CVBridge", "TestSupport"]),
        .testTarget(name: "FrameSourcesTests", dependencies: ["FrameSources", "PixelCore", "Timing", "TestSupport"]),
        .testTarget(
            name: "PipelineTests",
            dependencies: [
                "Pipeline", "FrameSources", "CVBridge", "TestSupport", "Detection", "Events", "Inference", "Tracking", "Vision",
                "ContainerCode", "Plates", "PixelCore", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Paths to the bundled samples and the optional real data, shared by the test targets.
        .target(
            name: "TestSupport", dependencies: ["PixelCore", "CVBridge", "Inference", .product(name: "Logging", package: "swift-log")],
            path: "Tests/TestSupport"
        ),
        // Counts a thread's heap allocations, to prove the hot path makes none.
        .target(name: "AllocationCounter", path: "Tests/AllocationCounter"),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
