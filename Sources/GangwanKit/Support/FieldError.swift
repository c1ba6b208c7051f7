import Foundation

/// A value given for a field that cannot be accepted; the message names the field, the value and why.
public struct FieldError: Error, LocalizedError, Equatable, Sendable {
    /// The field, as the user names it (`lat`, `hours`, `region`…).
    public var field: String
    /// The offending value, already safe to show (never personal data).
    public var value: String
    /// Why the value is refused, in the current language.
    public var reason: String

    /// Creates an error for `field` holding `value`, without the control characters it may hold.
    public init(field: String, value: String, reason: String) {
        self.field = field
        self.value = FieldText.visible(value)
        self.reason = reason
    }

    public var errorDescription: String? {
        localized("\(field): \"\(value)\" \(reason)", "\(field)：“\(value)” \(reason)")
    }
}
