import Foundation
import OVShim

/// OpenVINO's libraries, loaded once per process, and its core. OpenVINO's core may compile models
/// from several threads at once; each compiled model's requests are used by one thread at a time.
public final class OpenVINORuntime: @unchecked Sendable {
    let handle: OpaquePointer
    /// The folder the libraries were loaded from.
    public let directory: String
    /// OpenVINO's build number.
    public let version: String

    /// Loads `libopenvino_c` from `directory`; the error says what is missing.
    public init(directory: String) throws(InferenceError) {
        var raw: OpaquePointer?
        guard ovs_runtime_open(directory, &raw) == OVS_OK, let raw else {
            throw .backendUnavailable(.openvino, reason: String(cString: ovs_last_error()))
        }
        handle = raw
        self.directory = directory
        version = String(cString: ovs_runtime_version(raw))
    }

    deinit { ovs_runtime_free(handle) }

    /// The folders searched for OpenVINO, in order, when the configuration names none:
    /// `$PORTSIGHT_OPENVINO_DIR`, `.deps/openvino` in the working folder and in every folder above
    /// the executable (where scripts/get-openvino puts it), and where scripts/install puts it.
    public static func candidateDirectories(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var folders: [String] = []
        if let named = environment["PORTSIGHT_OPENVINO_DIR"], !named.isEmpty { folders.append(named) }
        folders.append(FileManager.default.currentDirectoryPath + "/.deps/openvino")
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
            while folder.path != "/" {
                folders.append(folder.appendingPathComponent(".deps/openvino").path)
                folder.deleteLastPathComponent()
            }
        }
        folders.append("/usr/local/lib/portsight/openvino")
        var seen = Set<String>()
        return folders.filter { seen.insert($0).inserted }
    }

    /// The first folder of `candidates` that holds `libopenvino_c.so.*`.
    public static func locate(in candidates: [String] = candidateDirectories()) -> String? {
        candidates.first { folder in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return names.contains { $0.hasPrefix("libopenvino_c.so") }
        }
    }
}
