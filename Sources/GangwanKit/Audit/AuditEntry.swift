import Foundation
import GRDB

/// One line of the append-only audit trail: who did what to which record, and when.
public struct AuditEntry: Sendable, Equatable {
    public var at: Date
    public var actor: String
    /// What was done: `station.update`, `worker.reveal`, `case.status`, `event.add`…
    public var action: String
    /// The record it was done to: `worker/<id>`, `case/<id>`…
    public var subject: String
    /// What changed, field by field; personal data appears only as `(changed)` or `(revealed)`.
    public var detail: [String: String]
}

// MARK: - Database

extension AuditEntry: FetchableRecord {
    /// Reads a row of the `audit` table, or a case event read as an `event.add` entry.
    public init(row: Row) throws {
        var detail: [String: String] = [:]
        if let text: String = row["detail"] {
            detail = (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
        } else {
            detail["case"] = row["case_id"]
            detail["kind"] = row["kind"]
            if let amount: Int64 = row["amount_fen"] { detail["amount_fen"] = String(amount) }
            if let corrected: String = row["corrects"] { detail["corrects"] = corrected }
        }
        self.init(at: try DatabaseTimestamp.date(row["at"]), actor: row["actor"], action: row["action"], subject: row["subject"], detail: detail)
    }
}
