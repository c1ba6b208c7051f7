import Foundation
import GRDB

/// Takes back out of an office's case history a correction another office made first.
///
/// An event is corrected at most once, by the first correction the hub takes. Two offices may each
/// correct the same event offline; the hub keeps whichever reaches it first and refuses the other
/// (`already_corrected: …`). The office that logged the other must not keep it alone: its case
/// totals would differ from every other node's for good. So it is withdrawn there: its amount leaves
/// the case's totals, its unsent change leaves the outbox, and it leaves the history, with an audit
/// entry and a quarantine entry holding the whole event, for the caseworker to log again as a
/// correction of the winning one if it still applies. The corrections of it logged here since go
/// with it: the hub would refuse them in turn.
///
/// Events the hub refuses for other reasons stay here, quarantined, as records do.
enum WithdrawnEvents {
    /// Added to the reason of every withdrawn event's quarantine entry.
    static let note = "taken out of this office's case history and totals (the audit trail keeps it)"

    /// Withdraws the event `id` and every correction of it logged here. Each is audited with
    /// `reason`; only the corrections are quarantined here: the caller quarantines the event itself.
    static func withdraw(_ db: Database, _ id: String, reason: String, now: Date) throws {
        let chain = try CaseEvent.fetchAll(db, sql: """
            WITH RECURSIVE chain(id) AS (
                SELECT ? UNION ALL SELECT e.id FROM case_event e JOIN chain c ON e.corrects = c.id
            )
            SELECT e.* FROM case_event e JOIN chain USING (id)
            """, arguments: [id])
        guard !chain.isEmpty else { return }
        for event in chain {
            if event.id.storedText != id, let change = try unacknowledgedChange(db, event) {
                try GangwanDatabase.quarantine(
                    db, change, direction: "push",
                    reason: "corrects: event \(event.corrects?.storedText ?? "") was withdrawn; \(note)", now: now)
            }
            try event.moveCaseTotals(db, by: -event.deltaFen)
            try GangwanDatabase.audit(db, "event.withdraw", subject: "event/\(event.id.storedText)", detail: [
                ("case", event.caseID.storedText), ("kind", event.kind.rawValue), ("amount_fen", event.amountFen.map(String.init) ?? ""),
                ("delta_fen", String(event.deltaFen)), ("corrects", event.corrects?.storedText ?? ""), ("text", event.text),
                ("logged_by", event.actor), ("logged_at", DatabaseTimestamp.text(event.recordedAt)),
                ("reason", event.id.storedText == id ? reason : "corrects a withdrawn event"),
            ], actor: "sync", at: now)
        }
        let ids = chain.map(\.id.storedText)
        let list = JSONEachList.ids(ids)
        // A change already in a stored batch stays there: the hub answers it, refused, and its
        // acknowledgement finds nothing left to withdraw.
        try db.execute(sql: """
            DELETE FROM outbox WHERE entity = 'event' AND batch IS NULL AND record_id IN (SELECT value FROM json_each(?))
            """, arguments: [list])
        // Events are append-only (a trigger refuses deletes): these never joined the shared history,
        // so the trigger is set aside for this one statement.
        try db.settingAside([(type: "trigger", name: "case_event_no_delete")]) {
            try db.execute(sql: "DELETE FROM case_event WHERE id IN (SELECT value FROM json_each(?))", arguments: [list])
        }
    }

    /// Whether `change`'s event was withdrawn here, and quarantined with it.
    static func wasWithdrawn(_ db: Database, _ change: SyncChange) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT NOT EXISTS (SELECT 1 FROM case_event WHERE id = ?) AND EXISTS (SELECT 1 FROM quarantine WHERE change_id = ?)
            """, arguments: [change.id.storedText, change.changeID]) ?? false
    }

    /// The change logged here for `event` that the hub has not acknowledged yet, as it travels;
    /// `nil` when it has (the hub holds the event).
    static func unacknowledgedChange(_ db: Database, _ event: CaseEvent) throws -> SyncChange? {
        guard let text = try String.fetchOne(
            db, sql: "SELECT hlc FROM outbox WHERE entity = 'event' AND record_id = ? ORDER BY seq LIMIT 1", arguments: [event.id.storedText]),
            let hlc = HybridClock.Timestamp(text: text)
        else { return nil }
        return SyncChange(entity: .event, id: event.id, hlc: hlc, actor: event.actor, fields: event.syncFields)
    }
}
