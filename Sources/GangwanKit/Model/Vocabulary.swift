import Foundation

/// A fixed vocabulary of codes with Chinese labels (kinds, statuses, services): input accepts either.
public protocol Vocabulary: CaseIterable, RawRepresentable, Sendable where RawValue == String, AllCases == [Self] {
    /// The Chinese label, shown to Chinese readers and accepted on input.
    var label: String { get }
    /// The field name used in error messages (`kind`, `status`, `services`).
    static var field: String { get }
    /// Every accepted spelling, lower-cased code and label, to its value; see ``index()``.
    static var byName: [String: Self] { get }
}

extension Vocabulary {
    /// The label in the current language: the Chinese label, or the code in English.
    public var displayName: String {
        Language.current.pick(rawValue, label)
    }

    /// Reads a value from its code (any case) or its Chinese label; an unknown one lists the valid ones.
    public static func parse(_ text: String) throws(FieldError) -> Self {
        let key = text.trimmed
        // Codes and labels are mostly typed as listed; lower-casing is only needed for the rest.
        if let value = byName[key] ?? byName[key.lowercased()] {
            return value
        }
        let valid = allCases.map { "\($0.rawValue) \($0.label)" }.joined(separator: ", ")
        throw FieldError(field: field, value: key, reason: localized("is not one of: \(valid)", "不在可选范围内：\(valid)"))
    }

    /// Builds ``byName`` once per vocabulary.
    static func index() -> [String: Self] {
        var index: [String: Self] = [:]
        for value in allCases {
            index[value.rawValue.lowercased()] = value
            index[value.label] = value
        }
        return index
    }
}
