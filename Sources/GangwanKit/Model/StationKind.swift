import Foundation

/// What kind of outdoor-worker service station a station is.
public enum StationKind: String, Vocabulary, Codable {
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

    public static let field = "kind"
    public static let byName = index()
}
