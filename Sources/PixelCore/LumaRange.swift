/// The value range of grey pixels. Video luma usually spans 16-235 ("video" or limited range);
/// JPEG luma and BGR-to-grey conversions span 0-255. The pixel core stretches video range to
/// full range on its small working image, so thresholds mean the same for every source.
public enum LumaRange: String, Sendable, Equatable, Codable {
    /// 0-255.
    case full
    /// 16-235.
    case video
}
