import Foundation

/// The 困难类别 of a worker in hardship.
public enum HardshipCategory: String, Vocabulary, Codable {
    case dibao
    case nearDibao = "near-dibao"
    case accident

    /// The Chinese name, accepted on input too.
    public var label: String {
        switch self {
        case .dibao: "低保户"
        case .nearDibao: "低保边缘户"
        case .accident: "意外致困户"
        }
    }

    public static let field = "hardship-category"
    public static let byName = index()
}
