/// A model that cannot be used, with the file and what to do.
public enum ModelError: Error, Equatable, CustomStringConvertible {
    /// The file is missing or does not load.
    case cannotLoad(path: String, reason: String)
    /// The model's output does not have the layout the code expects.
    case unexpectedOutput(path: String, detail: String)
    /// A dictionary file that cannot be read or does not match the model.
    case badDictionary(path: String, detail: String)
    /// The category map does not fit the model.
    case badCategoryMap(path: String, detail: String)
    /// OpenCV failed while running the model.
    case runFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotLoad(path, reason):
            "cannot load model \(path): \(reason) (models/README.md says where each model file comes from and which script rebuilds it)"
        case let .unexpectedOutput(path, detail):
            "model \(path) gave an unexpected output: \(detail)"
        case let .badDictionary(path, detail):
            "dictionary \(path): \(detail)"
        case let .badCategoryMap(path, detail):
            "model \(path): \(detail)"
        case let .runFailed(path, reason):
            "model \(path) failed to run: \(reason)"
        }
    }
}
