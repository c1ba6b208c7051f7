import Foundation
import GRDB

extension GangwanDatabase {
    /// The audit trail, oldest first, from `since` (a Shanghai day) and by `actor` when given.
    ///
    /// Case events are their own audit record (each row holds who logged it, when, and what), so the
    /// trail reads them beside the `audit` table instead of writing every event twice.
    public func auditTrail(since: String? = nil, actor: String? = nil) throws -> [AuditEntry] {
        var conditions = ""
        var arguments: StatementArguments = []
        if let since {
            guard let start = ShanghaiTime.date(fromDay: since) else {
                throw FieldError(field: "since", value: since, reason: localized("is not a date like 2026-03-01", "不是形如 2026-03-01 的日期"))
            }
            conditions += " AND at >= ?"
            arguments += [DatabaseTimestamp.text(start)]
        }
        if let actor {
            conditions += " AND actor = ?"
            arguments += [actor]
        }
        let sql = """
            SELECT at, actor, action, subject, detail, NULL AS case_id, NULL AS kind, NULL AS amount_fen, NULL AS corrects,
                   0 AS source, seq FROM audit WHERE 1\(conditions)
            UNION ALL
            SELECT recorded_at, actor, 'event.add', 'event/' || id, NULL, case_id, kind, amount_fen, corrects, 1, seq
            FROM case_event WHERE kind NOT IN ('status', 'assignment')\(conditions.replacingOccurrences(of: "at >=", with: "recorded_at >="))
            ORDER BY 1, source, seq
            """
        return try writer.read { db in try AuditEntry.fetchAll(db, sql: sql, arguments: arguments + arguments) }
    }

    /// Appends an entry in the caller's transaction, so a change and its record commit together.
    static func audit(_ db: Database, _ action: String, subject: String, detail: [(String, String)], actor: String, at: Date) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(Dictionary(detail, uniquingKeysWith: { _, last in last })), as: UTF8.self)
        try db.cachedStatement(sql: "INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [DatabaseTimestamp.text(at), actor, action, subject, json])
    }
}
