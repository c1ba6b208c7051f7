import Foundation

/// The key group a worker belongs to, which decides the details recorded.
public enum WorkerGroup: String, Vocabulary, Codable {
    case gig
    case migrant
    case hardship
    case other

    /// The Chinese name, accepted on input too.
    public var label: String {
        switch self {
        case .gig: "新就业形态劳动者"
        case .migrant: "农民工"
        case .hardship: "生活困难职工"
        case .other: "其他"
        }
    }

    public static let field = "group"
    public static let byName = index()
}
