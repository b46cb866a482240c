import Foundation
import Yams

/// Reads a YAML config file into a `Decodable` type. Errors name the file, the line and the key.
public enum ConfigLoader {
    /// Decodes `path` as `T`.
    public static func load<T: Decodable>(_ type: T.Type, from path: String) throws(ConfigError) -> T {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError(file: path, line: nil, key: "", message: "cannot read the file (does it exist and is it readable?)")
        }
        return try decode(type, yaml: text, file: path)
    }

    /// Decodes YAML `text` as `T`; `file` names it in errors.
    public static func decode<T: Decodable>(_ type: T.Type, yaml text: String, file: String) throws(ConfigError) -> T {
        let node: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                throw ConfigError(file: file, line: nil, key: "", message: "the file is empty")
            }
            node = composed
        } catch let error as ConfigError {
            throw error
        } catch let error as YamlError {
            throw ConfigError(file: file, line: line(of: error), key: "", message: "not valid YAML: \(error)")
        } catch {
            throw ConfigError(file: file, line: nil, key: "", message: "not valid YAML: \(error)")
        }
        do {
            return try YAMLDecoder().decode(type, from: node, userInfo: [.configFile: file, .configRoot: node])
        } catch let error as DecodingError {
            let (path, message) = describe(error)
            return try fail(file, node, path, message)
        } catch {
            throw ConfigError(file: file, line: nil, key: "", message: "\(error)")
        }
    }

    private static func fail<T>(_ file: String, _ root: Node, _ path: [CodingKey], _ message: String) throws(ConfigError) -> T {
        throw locate(file, root, path, message)
    }

    /// A decoding error met inside `decode`, as a `ConfigError` with its file and line: for parts of
    /// a config that keep their errors rather than throw them (a broken sink).
    static func locate(_ error: DecodingError, userInfo: [CodingUserInfoKey: Any]) -> ConfigError {
        let (path, message) = describe(error)
        guard let file = userInfo[.configFile] as? String, let root = userInfo[.configRoot] as? Node else {
            return ConfigError(file: "", line: nil, key: keyPath(path), message: message)
        }
        return locate(file, root, path, message)
    }

    private static func locate(_ file: String, _ root: Node, _ path: [CodingKey], _ message: String) -> ConfigError {
        // The deepest node of the path that exists gives the line.
        var node: Node? = root, line = root.mark?.line
        for key in path {
            guard let current = node else { break }
            node = key.intValue.map { current[$0] } ?? current[key.stringValue]
            if let mark = node?.mark { line = mark.line }
        }
        return ConfigError(file: file, line: line, key: keyPath(path), message: message)
    }

    static func keyPath(_ keys: [CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text
    }

    private static func describe(_ error: DecodingError) -> ([CodingKey], String) {
        switch error {
        case let .keyNotFound(key, context): return (context.codingPath + [key], "missing (this key is required)")
        case let .typeMismatch(type, context): return (context.codingPath, "expected \(kind(type))")
        case let .valueNotFound(type, context): return (context.codingPath, "expected \(kind(type)), found nothing")
        case let .dataCorrupted(context): return (context.codingPath, context.debugDescription)
        @unknown default: return ([], "\(error)")
        }
    }

    private static func kind(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "\(type)".contains("Array") ? "a list" : "a mapping of keys to values"
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): mark.line
        default: nil
        }
    }
}

extension CodingUserInfoKey {
    /// The config file's name, for errors found while decoding.
    static let configFile = CodingUserInfoKey(rawValue: "portsight.config.file")!
    /// The config's YAML root node, for the line of an error found while decoding.
    static let configRoot = CodingUserInfoKey(rawValue: "portsight.config.root")!
}
