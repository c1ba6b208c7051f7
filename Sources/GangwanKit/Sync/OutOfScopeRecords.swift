import Foundation
import GRDB

/// Takes off an office the workers and cases its sync token does not cover.
///
/// An office holds the workers and cases the hub lets it read, and no others: other copies would
/// only go stale, holding personal data the office may not read. The hub lets an office read the
/// workers and cases of its token's regions, and a worker elsewhere while a case in them is about
/// the worker. A copy leaves the office in two ways:
///
/// - A worker or case leaves this office's regions (another office moves it), or a worker of
///   another region, kept here for a case, is that case's worker no more (the case was given
///   another): the hub's feed then tells this office only the record's region (a departure, see
///   `FeedRow.change(_:departed:)`), and the page that brings it removes the copy.
/// - The federation issues the token again for other regions: the pull that brings the new scope
///   notes that a sweep is due, and the page that ends a pull sweeps every copy outside the scope
///   (only then has everything the office may still read arrived: a worker of another region comes
///   whole, before the case that makes it readable).
///
/// Only copies the hub holds go: a worker or case with no change waiting for the hub or kept in
/// quarantine (nothing local is deleted before the hub has acknowledged it), a case with all its
/// events, and a worker once no case here is about them. A copy kept for a change waiting in the
/// outbox notes a sweep again, so it goes at the end of the next pull once the hub has its change;
/// one kept for a quarantined change goes after `sync dismiss` (which notes a sweep) deals with it. Records without a region stay: their changes wait here until they get one. One audit entry
/// counts what went.
enum OutOfScopeRecords {
    struct Removed {
        var workers = 0
        var cases = 0
        var events = 0
        /// Copies outside the scope kept because a change of theirs waits in the outbox for the hub.
        /// (Those kept for a quarantined change wait for `sync dismiss`, which notes a sweep itself.)
        var keptPending = 0
    }

    /// The `meta` entry present while a sweep is due.
    private static let sweepDue = "sync_scope_sweep"

    static func noteSweepDue(_ db: Database) throws {
        try GangwanDatabase.setMeta(db, sweepDue, "1")
    }

    static func isSweepDue(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM meta WHERE name = ?"), arguments: [sweepDue]) ?? false
    }

    /// After a pulled page is merged: removes the copies its departures name and, when the page
    /// ends the pull and a sweep is due, every copy outside `scope`.
    static func afterPage(_ db: Database, departures: [String], endsPull: Bool, scope: WritableScope, now: Date) throws {
        if !departures.isEmpty {
            let removed = try remove(db, outside: scope, among: departures, now: now)
            if removed.keptPending > 0 { try noteSweepDue(db) }
        }
        guard endsPull, try isSweepDue(db) else { return }
        try db.execute(sql: "DELETE FROM meta WHERE name = ?", arguments: [sweepDue])
        if try remove(db, outside: scope, among: nil, now: now).keptPending > 0 { try noteSweepDue(db) }
    }

    /// Whether a pulled change only says that a worker or case has left `scope`.
    static func isDeparture(_ change: SyncChange, from scope: WritableScope) -> Bool {
        (change.entity == .worker || change.entity == .case) && change.fields.count == 1
            && change.fields["region"].map { !scope.covers($0) } == true
    }

    /// Whether this office holds the worker or case a departure names: one it never held has
    /// nothing here to change, and nothing to refuse.
    static func holdsRecord(of departure: SyncChange, _ db: Database) throws -> Bool {
        let table = departure.entity == .worker ? "worker" : "support_case"
        return try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE id = ?)"), arguments: [departure.id.storedText]) ?? false
    }

    /// Removes, in the caller's transaction, the copies outside `scope` that the hub holds: all of
    /// them, or only those among `ids` (of workers and cases) and the workers of the cases removed.
    static func remove(_ db: Database, outside scope: WritableScope, among ids: [String]?, now: Date) throws -> Removed {
        let (covered, patterns) = scope.sqlCondition
        let outside = "region IS NOT NULL AND NOT (\(covered))"
        func among(_ ids: [String]?) -> (sql: String, arguments: StatementArguments) {
            guard let ids else { return ("", StatementArguments(patterns)) }
            return (" AND id IN (SELECT value FROM json_each(?))", StatementArguments(patterns) + [JSONEachList.ids(ids)])
        }
        // What the hub has not acknowledged (pending), or refused: kept, with what it belongs to.
        let waiting = """
            pending(id) AS (SELECT record_id FROM outbox WHERE entity IN ('worker', 'case', 'event')),
            refused(id) AS (SELECT record_id FROM quarantine WHERE entity IN ('worker', 'case', 'event'))
            """
        func caseHeld(by list: String) -> String {
            "(id IN (SELECT id FROM \(list)) OR EXISTS (SELECT 1 FROM case_event e JOIN \(list) w ON w.id = e.id WHERE e.case_id = c.id))"
        }
        let caseFilter = among(ids)
        let cases = try Row.fetchAll(db, sql: """
            WITH \(waiting)
            SELECT id, worker_id, \(caseHeld(by: "pending")) AS pending, \(caseHeld(by: "refused")) AS refused
            FROM support_case c WHERE \(outside)\(caseFilter.sql)
            """, arguments: caseFilter.arguments)
        let removedCases = cases.filter { !$0["pending"] && !$0["refused"] }
        var removed = Removed(cases: removedCases.count, keptPending: cases.count { $0["pending"] })
        let caseList = JSONEachList.ids(removedCases.map { $0["id"] as String })
        if !removedCases.isEmpty {
            // Events are append-only (a trigger refuses deletes); the hub keeps every one of these.
            removed.events = try db.settingAside([(type: "trigger", name: "case_event_no_delete")]) {
                try db.execute(sql: "DELETE FROM case_event WHERE case_id IN (SELECT value FROM json_each(?))", arguments: [caseList])
                return db.changesCount
            }
            try db.execute(sql: "DELETE FROM support_case WHERE id IN (SELECT value FROM json_each(?))", arguments: [caseList])
        }
        let workerFilter = among(ids.map { $0 + removedCases.map { $0["worker_id"] as String } })
        let workers = try Row.fetchAll(db, sql: """
            WITH \(waiting)
            SELECT id, id IN (SELECT id FROM pending) AS pending, id IN (SELECT id FROM refused) AS refused FROM worker w
            WHERE \(outside)\(workerFilter.sql) AND NOT EXISTS (SELECT 1 FROM support_case c WHERE c.worker_id = w.id)
            """, arguments: workerFilter.arguments)
        let removedWorkers = workers.filter { !$0["pending"] && !$0["refused"] }.map { $0["id"] as String }
        removed.workers = removedWorkers.count
        removed.keptPending += workers.count { $0["pending"] }
        let workerList = JSONEachList.ids(removedWorkers)
        try db.execute(sql: "DELETE FROM worker WHERE id IN (SELECT value FROM json_each(?))", arguments: [workerList])
        // Their lost same-field edits go too: they may hold personal data.
        try db.execute(sql: """
            DELETE FROM conflict WHERE record_id IN (SELECT value FROM json_each(?) UNION ALL SELECT value FROM json_each(?))
            """, arguments: [caseList, workerList])
        guard removed.workers + removed.cases > 0 else { return removed }
        let reason = ids == nil ? "outside the regions of this office's sync token" : "moved to a region outside this office's sync token"
        try GangwanDatabase.audit(db, "sync.scope", subject: "scope/\(scope.prefixes.joined(separator: ","))", detail: [
            ("workers_removed", String(removed.workers)), ("cases_removed", String(removed.cases)),
            ("events_removed", String(removed.events)), ("reason", reason + "; the hub keeps them"),
        ], actor: "sync", at: now)
        return removed
    }
}
