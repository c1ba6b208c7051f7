import Foundation

/// What a caseworker types to open a case, before validation.
public struct CaseOpening: Sendable, Equatable {
    /// The worker's id or unique id prefix.
    public var worker: String
    public var type: String
    public var summary: String
    public var priority: String?
    public var assignee: String?
    public var office: String?
    /// `YYYY-MM-DD`; may lie in the past for a case entered late. Default: per type, see ``CaseType/defaultDueDays``.
    public var due: String?
    /// Yuan claimed, e.g. `3600` or `3600.50`.
    public var claimed: String?
    /// Opens the case even if the worker has an unclosed case of the same type.
    public var allowDuplicate: Bool

    /// Creates an opening request.
    public init(worker: String, type: String, summary: String, priority: String? = nil, assignee: String? = nil,
                office: String? = nil, due: String? = nil, claimed: String? = nil, allowDuplicate: Bool = false) {
        self.worker = worker
        self.type = type
        self.summary = summary
        self.priority = priority
        self.assignee = assignee
        self.office = office
        self.due = due
        self.claimed = claimed
        self.allowDuplicate = allowDuplicate
    }
}
