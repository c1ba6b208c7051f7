import Foundation

/// Which cases a listing shows.
public struct CaseFilter: Sendable {
    public var status: CaseStatus?
    public var type: CaseType?
    public var group: WorkerGroup?
    /// A region-code prefix: `6301` is all of 西宁.
    public var regionPrefix: String?
    public var assignee: String?
    /// Only unsettled cases past their due day, most overdue first.
    public var overdue = false
    public var workerID: UUID?

    /// A filter; with no arguments it keeps every case.
    public init(status: CaseStatus? = nil, type: CaseType? = nil, group: WorkerGroup? = nil, regionPrefix: String? = nil,
                assignee: String? = nil, overdue: Bool = false, workerID: UUID? = nil) {
        self.status = status
        self.type = type
        self.group = group
        self.regionPrefix = regionPrefix
        self.assignee = assignee
        self.overdue = overdue
        self.workerID = workerID
    }
}
