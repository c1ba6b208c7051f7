/// A number that identifies a person (ID number, phone): shown masked unless revealed, even when
/// interpolated into a message by accident.
public protocol PersonalNumber: Sendable, Equatable, CustomStringConvertible {
    /// The normalised number, in full.
    var value: String { get }
    /// The number with all but a few characters starred, as errors and default output show it.
    static func mask(_ text: String) -> String
}

extension PersonalNumber {
    /// The number as shown by default.
    public var masked: String { Self.mask(value) }

    public var description: String { masked }

    /// The number as output shows it: masked, or whole when the caller revealed it (and audited that).
    public func shown(revealed: Bool) -> String {
        revealed ? value : masked
    }
}
