import CVBridge
import Foundation
import FrameSources
import Logging
import PixelCore
import TestSupport

let testLogger = Logger(label: "portsight.tests")

/// Reads a source to its end (or `limit`), returning the frames' metadata.
func drain(_ source: FrameSource, limit: Int = .max, each: (Frame) -> Void = { _ in }) throws -> [FrameInfo] {
    var infos: [FrameInfo] = []
    while infos.count < limit, let frame = try source.next() {
        each(frame)
        infos.append(frame.info)
    }
    return infos
}
