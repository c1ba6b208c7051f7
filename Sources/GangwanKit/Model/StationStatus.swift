import Foundation

/// Whether a station is receiving workers.
public enum StationStatus: String, CaseIterable, Codable, Sendable {
    case open
    case suspended
    case closed

    /// The Chinese name, accepted on input too.
    public var label: String {
        switch self {
        case .open: "开放"
        case .suspended: "暂停"
        case .closed: "关闭"
        }
    }

    /// The name in the current language.
    public var displayName: String {
        Language.current.pick(rawValue, label)
    }

    private static let byName = vocabularyIndex(allCases, code: \.rawValue, label: \.label)

    /// Reads a status from its code or its Chinese name.
    public static func parse(_ text: String) throws(FieldError) -> StationStatus {
        let key = text.trimmed
        if let status = byName[key.lowercased()] {
            return status
        }
        throw FieldError(
            field: "status", value: key,
            reason: localized("is not a status; valid: open, suspended, closed", "不是站点状态；可选：open 开放、suspended 暂停、closed 关闭"))
    }
}
