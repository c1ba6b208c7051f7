import Foundation

/// Whether a station is receiving workers.
public enum StationStatus: String, Vocabulary, Codable {
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

    public static let field = "status"
    public static let byName = index()
}
