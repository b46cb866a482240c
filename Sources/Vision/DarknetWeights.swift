import Foundation

/// The size a Darknet `.weights` file must have for its `.cfg`: OpenCV loads a file that is cut
/// short without complaint (the missing weights stay zero) and the network then invents objects,
/// so the size is checked before loading.
enum DarknetWeights {
    /// The number of float32 weights the network in `config` holds, or nil when the file has a
    /// layer this count does not know (the file is then loaded unchecked).
    static func parameterCount(config: String) -> Int? {
        var outputs: [Int] = []  // channels out of each layer
        var channels = 3
        var parameters = 0
        var pending: (kind: String, values: [String: String])?
        func close() -> Bool {
            guard let (kind, values) = pending else { return true }
            pending = nil
            let input = outputs.last ?? channels
            switch kind {
            case "net", "network":
                channels = Int(values["channels"] ?? "3") ?? 3
                return true
            case "convolutional":
                guard let filters = Int(values["filters"] ?? "1"), let size = Int(values["size"] ?? "1"),
                      let groups = Int(values["groups"] ?? "1"), groups > 0 else { return false }
                let normalised = values["batch_normalize"] == "1"
                parameters += filters * (normalised ? 4 : 1) + filters * (input / groups) * size * size
                outputs.append(filters)
            case "maxpool", "upsample", "yolo", "region", "dropout", "shortcut":
                outputs.append(input)
            case "route":
                let index = outputs.count
                var sum = 0
                for part in (values["layers"] ?? "").split(separator: ",") {
                    guard let value = Int(part.trimmingCharacters(in: .whitespaces)) else { return false }
                    let layer = value < 0 ? index + value : value
                    guard outputs.indices.contains(layer) else { return false }
                    sum += outputs[layer]
                }
                outputs.append(sum / max(1, Int(values["groups"] ?? "1") ?? 1))
            default:
                return false
            }
            return true
        }
        guard let text = try? String(contentsOfFile: config, encoding: .utf8) else { return nil }
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("["), line.hasSuffix("]") {
                guard close() else { return nil }
                pending = (String(line.dropFirst().dropLast()), [:])
            } else if let equals = line.firstIndex(of: "="), pending != nil {
                let key = line[..<equals].trimmingCharacters(in: .whitespaces)
                pending!.values[key] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            }
        }
        guard close(), !outputs.isEmpty else { return nil }
        return parameters
    }

    /// The header's size: major, minor and revision (int32 each), then the count of images seen,
    /// an int64 from format 0.2 on.
    static func headerBytes(weights: String) -> Int? {
        guard let handle = FileHandle(forReadingAtPath: weights) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 8), data.count == 8 else { return nil }
        let major = data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 0, as: Int32.self) }
        let minor = data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 4, as: Int32.self) }
        return major * 10 + minor >= 2 && major < 1000 && minor < 1000 ? 20 : 16
    }
}
