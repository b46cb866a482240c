import PixelCore

/// A cheap fingerprint of a frame's pixels (FNV-1a over a sparse sample): a live camera's sensor
/// noise changes it every frame, so an unchanged fingerprint for seconds means a frozen picture.
enum FrameFingerprint {
    static func of(_ image: ImageView) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        let rowBytes = image.width * image.channels
        for y in stride(from: 0, to: image.height, by: 7) {
            let row = image.row(y)
            for x in stride(from: y % 13, to: rowBytes, by: 13) {
                hash = (hash ^ UInt64(row[x])) &* 0x100_0000_01B3
            }
        }
        return hash
    }
}
