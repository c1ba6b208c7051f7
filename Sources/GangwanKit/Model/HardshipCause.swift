import Foundation

/// The main cause of a worker's hardship.
public enum HardshipCause: String, Vocabulary, Codable {
    case illness
    case disability
    case disaster
    case education
    case unemployment
    case other

    /// The Chinese name, accepted on input too.
    public var label: String {
        switch self {
        case .illness: "因病"
        case .disability: "因残"
        case .disaster: "因灾"
        case .education: "子女教育"
        case .unemployment: "失业"
        case .other: "其他"
        }
    }

    public static let field = "hardship-cause"
    public static let byName = index()
}
