import Foundation

/// A case as `--json` prints it (snake_case keys), times in Beijing time, money in fen.
public struct CaseJSON: Encodable, Sendable {
    let id: String
    let workerId: String
    let type: String
    let status: String
    let priority: String
    let summary: String
    let assignee: String?
    let office: String?
    let due: String
    let overdue: Bool
    let claimedFen: Int64?
    let assistanceFen: Int64
    let recoveredFen: Int64
    let workerGroup: String
    let region: String?
    let openedAt: String
    let updatedAt: String
    let referredTo: String?
    let referredAt: String?
    let resolvedAt: String?
    let closedAt: String?
    let settledAt: String?
    let actor: String
    var worker: WorkerJSON?
    var events: [EventJSON]?

    /// The case's fields; `today` (`YYYY-MM-DD`) decides whether it is overdue.
    public init(_ supportCase: SupportCase, today: String, worker: Worker? = nil, events: [CaseEvent]? = nil) {
        id = supportCase.id.storedText
        workerId = supportCase.workerID.storedText
        type = supportCase.type.rawValue
        status = supportCase.status.rawValue
        priority = supportCase.priority.rawValue
        summary = supportCase.summary
        assignee = supportCase.assignee
        office = supportCase.office
        due = supportCase.due
        overdue = supportCase.isOverdue(today: today)
        claimedFen = supportCase.claimedFen
        assistanceFen = supportCase.assistanceFen
        recoveredFen = supportCase.recoveredFen
        workerGroup = supportCase.workerGroup.rawValue
        region = supportCase.region
        openedAt = ShanghaiTime.timestamp(of: supportCase.openedAt)
        updatedAt = ShanghaiTime.timestamp(of: supportCase.updatedAt)
        referredTo = supportCase.referredTo
        referredAt = supportCase.referredAt.map(ShanghaiTime.timestamp(of:))
        resolvedAt = supportCase.resolvedAt.map(ShanghaiTime.timestamp(of:))
        closedAt = supportCase.closedAt.map(ShanghaiTime.timestamp(of:))
        settledAt = supportCase.settledAt.map(ShanghaiTime.timestamp(of:))
        actor = supportCase.actor
        self.worker = worker.map { WorkerJSON($0, reveal: false) }
        self.events = events?.map(EventJSON.init)
    }

    /// One history entry.
    public struct EventJSON: Encodable, Sendable {
        let id: String
        let kind: String
        let at: String
        let recordedAt: String
        let actor: String
        let text: String
        let amountFen: Int64?
        let corrects: String?

        /// The event's fields.
        public init(_ event: CaseEvent) {
            id = event.id.storedText
            kind = event.kind.rawValue
            at = ShanghaiTime.timestamp(of: event.at)
            recordedAt = ShanghaiTime.timestamp(of: event.recordedAt)
            actor = event.actor
            text = event.text
            amountFen = event.amountFen
            corrects = event.corrects?.storedText
        }
    }
}
