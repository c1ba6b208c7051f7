import Foundation

/// What a case is about; it sets the default priority and due date (see docs/cases.md).
public enum CaseType: String, Vocabulary, Codable {
    case wageArrears = "wage-arrears"
    case laborDispute = "labor-dispute"
    case workInjury = "work-injury"
    case legalAid = "legal-aid"
    case hardshipRelief = "hardship-relief"
    case medicalAid = "medical-aid"
    case educationAid = "education-aid"
    case employmentAid = "employment-aid"
    case other

    /// The Chinese name, accepted on input too.
    public var label: String {
        switch self {
        case .wageArrears: "欠薪"
        case .laborDispute: "劳动争议"
        case .workInjury: "工伤"
        case .legalAid: "法律援助"
        case .hardshipRelief: "生活救助"
        case .medicalAid: "医疗救助"
        case .educationAid: "助学"
        case .employmentAid: "就业帮扶"
        case .other: "其他"
        }
    }

    public static let field = "type"
    public static let byName = index()
}

extension CaseType {
    /// Days from opening to the default due date: wage arrears are urgent, because wages feed families.
    public var defaultDueDays: Int { self == .wageArrears ? 15 : 30 }

    /// The priority a new case gets unless told otherwise.
    public var defaultPriority: CasePriority { self == .wageArrears ? .urgent : .normal }
}
