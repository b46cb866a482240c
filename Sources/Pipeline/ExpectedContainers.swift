import ContainerCode

/// The daemon's current list of expected containers, shared by the cameras, the code reader and
/// the feed; replaced whole when the list file is reloaded or a new list is put.
public typealias ExpectedContainers = Shared<ExpectedCodes>

extension Shared where Value == ExpectedCodes {
    /// An empty list.
    public convenience init() {
        self.init(.none)
    }

    /// The list now.
    public var codes: ExpectedCodes { value }
}
