import Foundation

/// How urgently a case needs attention.
public enum CasePriority: String, Vocabulary, Codable {
    case low
    case normal
    case high
    case urgent

    /// The Chinese name, accepted on input too.
    public var label: String {
        switch self {
        case .low: "低"
        case .normal: "普通"
        case .high: "高"
        case .urgent: "紧急"
        }
    }

    public static let field = "priority"
    public static let byName = index()
}
