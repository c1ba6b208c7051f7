import Foundation
import GRDB

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

    /// The cases, newest first; overdue ones most overdue first.
    func request(today: String) -> QueryInterfaceRequest<SupportCase> {
        var request = SupportCase.all()
        if overdue {
            // The same words as the partial index, so SQLite reads it in due order and stops early.
            request = request.filter(sql: "status NOT IN ('resolved', 'closed') AND due < ?", arguments: [today])
        }
        if let status { request = request.filter(Column("status") == status.rawValue) }
        if let type { request = request.filter(Column("type") == type.rawValue) }
        if let group { request = request.filter(Column("worker_group") == group.rawValue) }
        if let regionPrefix { request = request.filter(sql: "region GLOB ?", arguments: [regionPrefix + "*"]) }
        if let assignee { request = request.filter(Column("assignee") == assignee.trimmed) }
        if let workerID { request = request.filter(Column("worker_id") == workerID.storedText) }
        return overdue
            ? request.order(Column("due"), Column("seq"))
            : request.order(Column("opened_at").desc, Column("seq").desc)
    }
}
