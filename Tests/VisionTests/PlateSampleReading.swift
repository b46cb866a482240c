import CVBridge
import Foundation
import PixelCore
import Plates
import TestSupport
import Vision

/// The plate findings in `samples/plates/<file>`, read with the `region` preset and the bundled
/// models.
func plateFindings(inSample file: String, region: String) throws -> [PlateFinding] {
    let reader = try PlateReader(modelsIn: Fixtures.root.appendingPathComponent("models/ocr").path,
                                 patterns: try PlatePresets.patterns(region), engine: Fixtures.engine)
    let image = PixelBuffer()
    let url = Fixtures.root.appendingPathComponent("samples/plates/\(file)")
    try ImageCodec().decode(try [UInt8](Data(contentsOf: url)), format: .bgr, into: image)
    return try withExtendedLifetime(image) { try reader.read(image.view) }
}
