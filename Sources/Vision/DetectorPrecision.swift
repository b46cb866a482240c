/// The number format a detector's weights run in, where the backend has both.
public enum DetectorPrecision: String, Sendable, CaseIterable {
    /// 8-bit integers (post-training quantization): about 3 times faster on CPUs with VNNI.
    case int8
    /// 32-bit floats, as trained.
    case f32
}
