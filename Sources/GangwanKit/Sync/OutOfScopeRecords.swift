import Foundation
import GRDB

/// Takes off an office the workers and cases its sync token does not cover.
///
/// An office holds the workers and cases of its token's regions, and no others: their copies would
/// only go stale, holding personal data the office may not read. A copy leaves the office in two
/// ways. When the federation issues the token again for fewer regions (a county handed to another
/// office, say), the pull that brings the new scope sweeps every copy outside it. When another
/// office moves a worker to a region outside this office's scope, the hub's feed tells this office
/// only the new region (see `FeedRow.change(_:departed:)`), and the page that brings it removes that
/// copy.
///
/// Only copies the hub holds go: a worker or case with no change waiting for the hub or kept in
/// quarantine (nothing local is deleted before the hub has acknowledged it), a case with all its
/// events, and a worker once no case here is about it. Records without a region stay: their changes
/// wait here until they get one. One audit entry counts what went.
enum OutOfScopeRecords {
    struct Removed: Equatable {
        var workers = 0
        var cases = 0
        var events = 0
    }

    /// Removes, in the caller's transaction, the copies outside `scope` that the hub holds: all of
    /// them, or only those among `ids` (of workers and cases).
    @discardableResult
    static func remove(_ db: Database, outside scope: WritableScope, among ids: [String]? = nil, now: Date) throws -> Removed {
        // Stored regions and prefixes are digits: each prefix is bound as a GLOB pattern.
        var outside = "region IS NOT NULL AND NOT (" + (scope.prefixes.isEmpty ? "0" : scope.prefixes.map { _ in "region GLOB ?" }.joined(separator: " OR ")) + ")"
        var arguments = StatementArguments(scope.prefixes.map { "\($0)*" })
        if let ids {
            outside += " AND id IN (SELECT value FROM json_each(?))"
            arguments += [JSONEachList.ids(ids)]
        }
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
            """, arguments: arguments)
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
            """, arguments: arguments)
        removed.workers = workers.count
        let workerList = JSONEachList.ids(workers)
        try db.execute(sql: "DELETE FROM worker WHERE id IN (SELECT value FROM json_each(?))", arguments: [workerList])
        // Their lost same-field edits go too: they may hold personal data.
        try db.execute(sql: """
            DELETE FROM conflict WHERE record_id IN (SELECT value FROM json_each(?) UNION ALL SELECT value FROM json_each(?))
            """, arguments: [caseList, workerList])
        guard removed != Removed() else { return removed }
        let reason = ids == nil ? "outside the regions of this office's sync token" : "moved to a region outside this office's sync token"
        try GangwanDatabase.audit(db, "sync.scope", subject: "scope/\(scope.prefixes.joined(separator: ","))", detail: [
            ("workers_removed", String(removed.workers)), ("cases_removed", String(removed.cases)),
            ("events_removed", String(removed.events)), ("reason", reason + "; the hub keeps them"),
        ], actor: "sync", at: now)
        return removed
    }

    /// Whether a pulled change only says that a worker or case this office never held has left its
    /// regions: there is nothing here to change, and nothing to refuse.
    static func isDepartureOfRecordNotHeld(_ db: Database, _ change: SyncChange, scope: WritableScope) throws -> Bool {
        let table: String
        switch change.entity {
        case .worker: table = "worker"
        case .case: table = "support_case"
        case .station, .event: return false
        }
        guard change.fields.count == 1, let region = change.fields["region"], !scope.covers(region) else { return false }
        return try !(Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE id = ?)"), arguments: [change.id.storedText]) ?? false)
    }
}
