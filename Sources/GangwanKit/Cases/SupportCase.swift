import Foundation
import GRDB

/// A case: one worker's request for help, followed until it is closed.
///
/// Its history lives in ``CaseEvent``s; the totals and timestamps here are kept in step with them
/// in the same transaction, so lists and reports need not replay the log.
public struct SupportCase: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var workerID: UUID
    public var type: CaseType
    public var status: CaseStatus
    public var priority: CasePriority
    public var summary: String
    public var assignee: String?
    /// The union office handling the case.
    public var office: String?
    /// The day (`YYYY-MM-DD`, Asia/Shanghai) the case should be resolved by.
    public var due: String
    /// What the worker claims (unpaid wages, compensation), in fen.
    public var claimedFen: Int64?
    /// Money and goods given, in fen, corrections applied.
    public var assistanceFen: Int64
    /// Wages recovered for the worker, in fen, corrections applied.
    public var recoveredFen: Int64
    /// The worker's group and region when the case was opened: statistics count a case where it began.
    public var workerGroup: WorkerGroup
    public var region: String?
    public var openedAt: Date
    public var updatedAt: Date
    /// The outside body the case was last referred to (劳动监察, 劳动仲裁…), and when.
    public var referredTo: String?
    public var referredAt: Date?
    /// When the case was last resolved and last closed.
    public var resolvedAt: Date?
    public var closedAt: Date?
    /// When work on the case finished (first resolved or closed); cleared when it is reopened.
    public var settledAt: Date?
    public var actor: String

    /// Whether the case is past its due day on `today` (`YYYY-MM-DD`) and not settled.
    public func isOverdue(today: String) -> Bool {
        !status.isSettled && due < today
    }
}

// MARK: - Database

extension SupportCase: FetchableRecord, TableRecord {
    public static let databaseTableName = "support_case"

    static let columns = [
        "id", "worker_id", "type", "status", "priority", "summary", "assignee", "office", "due", "claimed_fen",
        "assistance_fen", "recovered_fen", "worker_group", "region", "opened_at", "updated_at", "referred_to",
        "referred_at", "resolved_at", "closed_at", "settled_at", "actor",
    ]

    public init(row: Row) throws {
        guard let id = UUID(storedText: row["id"]), let workerID = UUID(storedText: row["worker_id"]) else {
            throw StoreError.corrupt("case id \(row["id"] as String)")
        }
        self.init(
            id: id, workerID: workerID, type: CaseType(rawValue: row["type"]) ?? .other,
            status: CaseStatus(rawValue: row["status"]) ?? .open, priority: CasePriority(rawValue: row["priority"]) ?? .normal,
            summary: row["summary"], assignee: row["assignee"], office: row["office"], due: row["due"],
            claimedFen: row["claimed_fen"], assistanceFen: row["assistance_fen"], recoveredFen: row["recovered_fen"],
            workerGroup: WorkerGroup(rawValue: row["worker_group"]) ?? .other, region: row["region"],
            openedAt: try DatabaseTimestamp.date(row["opened_at"]), updatedAt: try DatabaseTimestamp.date(row["updated_at"]), referredTo: row["referred_to"],
            referredAt: try (row["referred_at"] as String?).map(DatabaseTimestamp.date), resolvedAt: try (row["resolved_at"] as String?).map(DatabaseTimestamp.date), closedAt: try (row["closed_at"] as String?).map(DatabaseTimestamp.date),
            settledAt: try (row["settled_at"] as String?).map(DatabaseTimestamp.date), actor: row["actor"])
    }

    /// The row's values in ``columns`` order.
    var databaseValues: [(any DatabaseValueConvertible)?] {
        [
            id.storedText, workerID.storedText, type.rawValue, status.rawValue, priority.rawValue, summary, assignee,
            office, due, claimedFen, assistanceFen, recoveredFen, workerGroup.rawValue, region,
            DatabaseTimestamp.text(openedAt), DatabaseTimestamp.text(updatedAt), referredTo,
            referredAt.map(DatabaseTimestamp.text), resolvedAt.map(DatabaseTimestamp.text),
            closedAt.map(DatabaseTimestamp.text), settledAt.map(DatabaseTimestamp.text), actor,
        ]
    }

    private static let upsert = Upsert.sql(table: databaseTableName, columns: columns)

    /// Writes the whole row: inserted when new, replaced by id otherwise.
    func save(_ db: Database) throws {
        try db.cachedStatement(sql: Self.upsert).execute(arguments: StatementArguments(databaseValues))
    }
}
