import Foundation

/// What an entry in a case's history records.
public enum CaseEventKind: String, Vocabulary, Codable {
    case note
    case contact
    case visit
    case assistance
    case recovery
    case referral
    case status
    case assignment

    /// The Chinese name, accepted on input too.
    public var label: String {
        switch self {
        case .note: "备注"
        case .contact: "联系"
        case .visit: "走访"
        case .assistance: "帮扶"
        case .recovery: "追回工资"
        case .referral: "转介"
        case .status: "状态变更"
        case .assignment: "指派"
        }
    }

    public static let field = "kind"
    public static let byName = index()
}

extension CaseEventKind {
    /// The kinds a caseworker logs by hand; `status` and `assignment` are written by their commands.
    public static let loggable: [CaseEventKind] = [.note, .contact, .visit, .assistance, .recovery, .referral]

    /// Whether the entry carries an amount: money or goods given, or wages recovered.
    public var carriesAmount: Bool { self == .assistance || self == .recovery }
}
