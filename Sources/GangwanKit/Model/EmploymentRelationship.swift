import Foundation

/// How a gig worker stands with the platform, in the categories of 人社部发〔2021〕56号.
public enum EmploymentRelationship: String, Vocabulary, Codable {
    case employment
    case partial
    case civil

    /// The Chinese name, accepted on input too.
    public var label: String {
        switch self {
        case .employment: "劳动关系"
        case .partial: "不完全符合确立劳动关系情形"
        case .civil: "民事关系"
        }
    }

    public static let field = "relationship"
    public static let byName = index()
}
