import Foundation

/// What kind of outdoor-worker service station a station is.
public enum StationKind: String, CaseIterable, Codable, Sendable {
    case harbor
    case loveStation = "love-station"
    case unionStation = "union-station"
    case other

    /// The Chinese name, accepted on input too.
    public var label: String {
        switch self {
        case .harbor: "劳动者港湾"
        case .loveStation: "爱心驿站"
        case .unionStation: "工会驿站"
        case .other: "其他"
        }
    }

    /// The name in the current language.
    public var displayName: String {
        Language.current.pick(rawValue, label)
    }

    private static let byName = vocabularyIndex(allCases, code: \.rawValue, label: \.label)

    /// Reads a kind from its code or its Chinese name.
    public static func parse(_ text: String) throws(FieldError) -> StationKind {
        let key = text.trimmed
        if let kind = byName[key.lowercased()] {
            return kind
        }
        let valid = allCases.map { "\($0.rawValue) \($0.label)" }.joined(separator: ", ")
        throw FieldError(
            field: "kind", value: key,
            reason: localized("is not a station kind; valid: \(valid)", "不是站点类型；可选：\(valid)"))
    }
}
