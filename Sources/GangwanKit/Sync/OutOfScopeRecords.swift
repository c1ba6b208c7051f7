import Foundation
import GRDB

/// Takes off an office the workers and cases its sync token no longer covers.
///
/// When the federation issues an office's token again for fewer regions (a county handed to another
/// office, say), the hub stops sending that office those regions' workers, cases and events, and
/// refuses its changes to them. Its copies would then only go stale, and they hold personal data the
/// office may no longer read. So when a pull brings a new scope, every copy outside it that the hub
/// holds is removed: a worker or case with no change waiting for the hub or kept in quarantine
/// (nothing local is deleted before the hub has acknowledged it), a case with all its events, and a
/// worker once no case here is about it. One audit entry counts what went. Records without a region
/// stay: their changes wait here until they get one.
enum OutOfScopeRecords {
    struct Removed: Equatable {
        var workers = 0
        var cases = 0
        var events = 0
    }

    /// Removes, in the caller's transaction, the copies outside `scope` that the hub holds.
    @discardableResult
    static func remove(_ db: Database, outside scope: WritableScope, now: Date) throws -> Removed {
        // Stored regions and prefixes are digits: each prefix is bound as a GLOB pattern.
        let outside = "region IS NOT NULL AND NOT (" + (scope.prefixes.isEmpty ? "0" : scope.prefixes.map { _ in "region GLOB ?" }.joined(separator: " OR ")) + ")"
        let patterns = StatementArguments(scope.prefixes.map { "\($0)*" })
        // What the hub has not acknowledged, or refused: kept, with what it belongs to.
        let waiting = """
            SELECT record_id FROM outbox WHERE entity IN ('worker', 'case', 'event')
            UNION SELECT record_id FROM quarantine WHERE entity IN ('worker', 'case', 'event')
            """
        let cases = try String.fetchAll(db, sql: """
            WITH waiting(id) AS (\(waiting))
            SELECT id FROM support_case c WHERE \(outside)
              AND id NOT IN (SELECT id FROM waiting)
              AND NOT EXISTS (SELECT 1 FROM case_event e JOIN waiting w ON w.id = e.id WHERE e.case_id = c.id)
            """, arguments: patterns)
        var removed = Removed(cases: cases.count)
        let caseList = JSONEachList.ids(cases)
        removed.events = try Int.fetchOne(db, sql: "SELECT count(*) FROM case_event WHERE case_id IN (SELECT value FROM json_each(?))", arguments: [caseList]) ?? 0
        // Events are append-only (a trigger refuses deletes); the hub keeps every one of these.
        try db.settingAside([(type: "trigger", name: "case_event_no_delete")]) {
            try db.execute(sql: "DELETE FROM case_event WHERE case_id IN (SELECT value FROM json_each(?))", arguments: [caseList])
        }
        try db.execute(sql: "DELETE FROM support_case WHERE id IN (SELECT value FROM json_each(?))", arguments: [caseList])
        let workers = try String.fetchAll(db, sql: """
            WITH waiting(id) AS (\(waiting))
            SELECT id FROM worker w WHERE \(outside)
              AND id NOT IN (SELECT id FROM waiting)
              AND NOT EXISTS (SELECT 1 FROM support_case c WHERE c.worker_id = w.id)
            """, arguments: patterns)
        removed.workers = workers.count
        let workerList = JSONEachList.ids(workers)
        try db.execute(sql: "DELETE FROM worker WHERE id IN (SELECT value FROM json_each(?))", arguments: [workerList])
        // Their lost same-field edits go too: they may hold personal data.
        try db.execute(sql: """
            DELETE FROM conflict WHERE record_id IN (SELECT value FROM json_each(?) UNION ALL SELECT value FROM json_each(?))
            """, arguments: [caseList, workerList])
        guard removed != Removed() else { return removed }
        try GangwanDatabase.audit(db, "sync.scope", subject: "scope/\(scope.prefixes.joined(separator: ","))", detail: [
            ("workers_removed", String(removed.workers)), ("cases_removed", String(removed.cases)),
            ("events_removed", String(removed.events)),
            ("reason", "outside the regions of this office's sync token; the hub keeps them"),
        ], actor: "sync", at: now)
        return removed
    }
}
