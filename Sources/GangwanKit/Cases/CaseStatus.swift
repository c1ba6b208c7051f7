import Foundation

/// Where a case stands; ``next`` says where it may go.
public enum CaseStatus: String, Vocabulary, Codable {
    case open
    case inProgress = "in-progress"
    case referred
    case resolved
    case closed
    case reopened

    /// The Chinese name, accepted on input too.
    public var label: String {
        switch self {
        case .open: "待处理"
        case .inProgress: "处理中"
        case .referred: "已转介"
        case .resolved: "已解决"
        case .closed: "已结案"
        case .reopened: "重新立案"
        }
    }

    public static let field = "status"
    public static let byName = index()

    /// The statuses a case may move to from this one.
    public var next: [CaseStatus] {
        switch self {
        case .open: [.inProgress, .referred]
        case .inProgress: [.resolved, .referred]
        case .referred: [.inProgress, .resolved]
        case .resolved: [.closed, .reopened]
        case .closed: [.reopened]
        case .reopened: [.inProgress]
        }
    }

    /// Whether work on the case is finished (it no longer counts as open or overdue).
    public var isSettled: Bool { self == .resolved || self == .closed }
}
