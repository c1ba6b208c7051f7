import Foundation

/// What a gig worker does.
public enum Occupation: String, Vocabulary, Codable {
    case rider
    case courier
    case rideHail = "ride-hail"
    case truck
    case domestic
    case other

    /// The Chinese name, accepted on input too.
    public var label: String {
        switch self {
        case .rider: "外卖骑手"
        case .courier: "快递员"
        case .rideHail: "网约车司机"
        case .truck: "货车司机"
        case .domestic: "家政"
        case .other: "其他"
        }
    }

    public static let field = "occupation"
    public static let byName = index()
}
