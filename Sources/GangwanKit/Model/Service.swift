import Foundation

/// A service a station offers, from the federation's fixed vocabulary.
///
/// The order of the cases is the bit order of ``ServiceSet`` in the database:
/// new services are appended, never inserted or reordered.
public enum Service: String, Vocabulary, Codable {
    case water
    case hotMeal = "hot-meal"
    case toilet
    case rest
    case phoneCharging = "phone-charging"
    case ebikeCharging = "ebike-charging"
    case firstAid = "first-aid"
    case aed
    case heating
    case cooling
    case wifi
    case reading
    case legalAdvice = "legal-advice"
    case shower
    case laundry
    case motherBaby = "mother-baby"
    case oxygen

    /// The Chinese label shown to workers and accepted on input.
    public var label: String {
        switch self {
        case .water: "饮水"
        case .hotMeal: "热饭"
        case .toilet: "如厕"
        case .rest: "休息"
        case .phoneCharging: "手机充电"
        case .ebikeCharging: "电动车充电"
        case .firstAid: "药箱"
        case .aed: "AED"
        case .heating: "取暖"
        case .cooling: "纳凉"
        case .wifi: "无线网络"
        case .reading: "阅读"
        case .legalAdvice: "法律咨询"
        case .shower: "沐浴"
        case .laundry: "洗衣"
        case .motherBaby: "母婴室"
        case .oxygen: "供氧"
        }
    }

    public static let field = "services"
    public static let byName = index()
}
