import Foundation
import GRDB

extension GangwanDatabase {
    /// The audit trail, oldest first, from `since` (a Shanghai day) and by `actor` when given.
    public func auditTrail(since: String? = nil, actor: String? = nil) throws -> [AuditEntry] {
        var sql = "SELECT seq, at, actor, action, subject, detail FROM audit WHERE 1"
        var arguments: StatementArguments = []
        if let since {
            guard let start = ShanghaiTime.date(fromDay: since) else {
                throw FieldError(field: "since", value: since, reason: localized("is not a date like 2026-03-01", "不是形如 2026-03-01 的日期"))
            }
            sql += " AND at >= ?"
            arguments += [DatabaseTimestamp.text(start)]
        }
        if let actor {
            sql += " AND actor = ?"
            arguments += [actor]
        }
        return try writer.read { db in try AuditEntry.fetchAll(db, sql: sql + " ORDER BY seq", arguments: arguments) }
    }

    /// Appends an entry in the caller's transaction, so a change and its record commit together.
    static func audit(_ db: Database, _ action: String, subject: String, detail: [(String, String)], actor: String, at: Date) throws {
        try db.cachedStatement(sql: "INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [DatabaseTimestamp.text(at), actor, action, subject, AuditEntry.json(detail)])
    }
}
