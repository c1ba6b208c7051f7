import Foundation
import GRDB

/// A push batch ready to send. It is stored before the first attempt and resent byte for byte, with
/// the same idempotency key, until the hub answers it.
public struct PushRequest: Sendable, Equatable {
    /// The batch id, sent as the `Idempotency-Key`.
    public let id: String
    /// The gzip-compressed JSON `PushBatch`.
    public let body: Data
    /// How many changes it carries.
    public let count: Int
}

/// A pulled page with its new stations checked and built: see ``GangwanDatabase/prepare(_:key:now:)``.
public struct PreparedPull: Sendable {
    public let page: PullPage
    /// The stations the page's creations make.
    let newStations: NewStations
}

/// What the hub did with one batch.
public struct PushTally: Sendable, Equatable {
    public var applied = 0
    public var superseded = 0
    public var rejected = 0
}

/// What one pulled page did here.
public struct PullTally: Sendable, Equatable {
    public var received = 0
    public var conflicts = 0
    public var rejected = 0
}

/// Where this office stands with the hub, for `sync status` (times in Beijing time).
public struct SyncStatus: Sendable, Equatable, Encodable {
    public var node: String
    public var outbox: Int
    /// Outbox rows of workers and cases without a region, which wait until they get one.
    public var awaitingRegion: Int
    public var batchInFlight: Bool
    public var quarantined: Int
    public var conflicts: Int
    public var cursor: String?
    public var lastSuccess: String?
    /// When and why the last sync stopped before it was done, if none has succeeded since.
    public var lastFailure: String?
    public var endpoint: String?
    /// The region prefixes this office may write, as the hub said at the last pull.
    public var scope: [String]?
    /// The changes refused, oldest first.
    public var quarantine: [QuarantinedChange]
}

/// A same-field edit that lost, kept so nobody's work disappears silently.
public struct SyncConflict: Sendable, Equatable, Encodable {
    public var entity: String
    public var recordID: String
    public var field: String
    public var keptValue: String?
    public var keptClock: String
    public var lostValue: String?
    public var lostClock: String
    public var lostActor: String
    public var at: String
}

/// A change the other side refused, with its reason.
public struct QuarantinedChange: Sendable, Equatable, Encodable {
    public var changeID: String
    public var direction: String
    public var entity: String
    public var recordID: String
    public var reason: String
    public var at: String
}

extension GangwanDatabase {
    // MARK: Push

    /// The batch to send first: the oldest one stored and still unanswered (a run stopped before
    /// its answer came), else a new one of up to `limit` changes from the outbox; `nil` when there
    /// is nothing to send.
    public func nextPushBatch(limit: Int = 500, key: PersonalDataKey, now: Date = Date()) throws -> PushRequest? {
        try pushBatch(after: nil, limit: limit, key: key, now: now)
    }

    /// The batch to send once `previous` is answered, stored now, so that the client makes it
    /// while `previous` is with the hub and sends it as soon as that answer comes, before storing
    /// the answer: the next one stored, else a new one from the outbox rows no batch carries.
    ///
    /// Every batch before `previous` must have been acknowledged: batches go out oldest first.
    public func pushBatch(after previous: PushRequest?, limit: Int = 500, key: PersonalDataKey, now: Date = Date()) throws -> PushRequest? {
        let previousID = previous?.id ?? ""
        // A cron run usually has nothing to push: a read answers that without a write transaction,
        // also when the outbox holds only changes waiting for a region.
        let waiting = try writer.read { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM outbox o WHERE (o.batch IS NULL OR o.batch <> ?) AND NOT (\(Self.awaitingRegion)))
                """, arguments: [previousID]) ?? false
        }
        guard waiting else { return nil }
        return try writer.write { db in
            if let row = try Row.fetchOne(db, sql: """
                SELECT id, body, changes FROM push_batch WHERE id <> ? ORDER BY made LIMIT 1
                """, arguments: [previousID]) {
                return PushRequest(id: row["id"], body: row["body"], count: row["changes"])
            }
            let batch = try Self.prepare(db, limit: limit, context: MergeContext(regions: regions, key: key, now: now))
            // Rows whose every field was written again since (here or by a pulled change): the
            // later row carries the values.
            try db.execute(sql: "DELETE FROM outbox WHERE seq IN (SELECT value FROM json_each(?))", arguments: [JSONEachList.numbers(batch.stale)])
            guard !batch.sent.isEmpty else { return nil }
            let id = UUID.timeOrdered(at: now).storedText
            // `made` counts up from the batch stored before, if any: the order batches go out in.
            try db.execute(
                sql: """
                    INSERT INTO push_batch (id, body, changes, created_at, made)
                    VALUES (?, ?, ?, ?, (SELECT ifnull(max(made), 0) + 1 FROM push_batch))
                    """,
                arguments: [id, batch.body, batch.sent.count, DatabaseTimestamp.text(now)])
            try db.execute(sql: "UPDATE outbox SET batch = ? WHERE seq IN (SELECT value FROM json_each(?))", arguments: [id, JSONEachList.numbers(batch.sent)])
            return PushRequest(id: id, body: batch.body, count: batch.sent.count)
        }
    }

    /// Up to `limit` outbox rows no batch carries, as a batch: its body, the rows it carries, and
    /// the rows with nothing left to send (each field they name was written again since).
    private static func prepare(_ db: Database, limit: Int, context: MergeContext) throws -> (body: Data, sent: [Int64], stale: [Int64]) {
        let rows = try Row.fetchAll(db, sql: """
            SELECT seq, entity, record_id, hlc, fields, actor FROM outbox o
            WHERE batch IS NULL AND NOT (\(awaitingRegion)) ORDER BY seq LIMIT ?
            """, arguments: [limit]).map(FeedRow.init)
        let records = try FeedRecords(db, rows, context: context)
        var (sent, stale): ([Int64], [Int64]) = ([], [])
        var changes: [SyncChange] = []
        for row in rows {
            if let change = row.change(records, departed: []) {
                changes.append(change)
                sent.append(row.seq)
            } else {
                stale.append(row.seq)
            }
        }
        return (changes.isEmpty ? Data() : Gzip.compress(Data(PushBatch(changes: changes).json)), sent, stale)
    }

    /// Whether the outbox row `o` is of a worker without a region, or of a case without one or an
    /// event of such a case (a worker may be added without a region, and a case takes its worker's).
    /// The hub could place such a change in no office's scope and would refuse it, and the record's
    /// later changes after it, so it stays here, unsent, until the worker gets a region.
    static let awaitingRegion = """
        (o.entity = 'worker' AND EXISTS (SELECT 1 FROM worker w WHERE w.id = o.record_id AND w.region IS NULL))
        OR (o.entity = 'case' AND EXISTS (SELECT 1 FROM support_case c WHERE c.id = o.record_id AND c.region IS NULL))
        OR (o.entity = 'event' AND EXISTS (
            SELECT 1 FROM case_event e JOIN support_case c ON c.id = e.case_id WHERE e.id = o.record_id AND c.region IS NULL))
        """

    /// How many outbox rows wait for their worker to get a region.
    public func changesAwaitingRegion() throws -> Int {
        try writer.read(Self.changesAwaitingRegion)
    }

    private static func changesAwaitingRegion(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox o WHERE \(awaitingRegion)") ?? 0
    }

    /// Puts the changes of every stored batch back in the outbox, to be batched again: for a batch
    /// refused as too large (HTTP 413), which was applied nowhere, and the batch stored after it,
    /// whose later changes must not reach the hub first. A batch the hub did apply (answered, but
    /// the answer lost) is merged again unchanged if its changes go again: merging is idempotent.
    public func returnStoredBatchesToOutbox() throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE outbox SET batch = NULL WHERE batch IS NOT NULL")
            try db.execute(sql: "DELETE FROM push_batch")
        }
    }

    /// Records the hub's answer to `batch`: its changes leave the outbox, and the rejected ones go
    /// to quarantine with their reasons. Where the hub sent back its own copy of a refused change's
    /// record, the fields that change wrote here take the hub's values again (unless written since),
    /// so this office does not keep, alone, an edit the hub refused.
    public func acknowledge(_ batch: PushRequest, answer: PushAnswer, key: PersonalDataKey, now: Date = Date()) throws -> PushTally {
        // The batch is read back only to keep the changes the hub refused.
        var byID: [String: SyncChange] = [:]
        if answer.results.contains(where: { $0.result == .rejected }) {
            let sent = try PushBatch(json: Gzip.decompress(batch.body, limit: 256 << 20))
            byID = Dictionary(sent.changes.map { ($0.changeID, $0) }, uniquingKeysWith: { first, _ in first })
        }
        let context = MergeContext(regions: regions, key: key, now: now)
        return try writer.write { db in
            var tally = PushTally()
            for result in answer.results {
                switch result.result {
                case .applied: tally.applied += 1
                case .superseded: tally.superseded += 1
                case .rejected:
                    tally.rejected += 1
                    guard let change = byID[result.changeID] else { continue }
                    // Withdrawn already with the correction it corrects: its quarantine entry says so.
                    if change.entity == .event, try WithdrawnEvents.wasWithdrawn(db, change) { continue }
                    var reason = result.reason ?? "rejected"
                    if let held = result.current {
                        // On its own: a copy that cannot be put back (its code taken here since,
                        // say) is noted with the refusal and never holds up the answer.
                        do {
                            try db.inChangeSavepoint {
                                try Merge.restore(db, refused: change, to: held, context: context)
                                return .commit
                            }
                        } catch {
                            reason += "; the hub's copy could not be put back here: " + Self.restoreFailure(error)
                        }
                    }
                    // A correction that lost to another office's leaves this office's history too
                    // (see ``WithdrawnEvents``); other refused events stay here, quarantined.
                    if change.entity == .event, reason.hasPrefix(SyncRejection.alreadyCorrectedCode) {
                        reason += "; " + WithdrawnEvents.note
                        try WithdrawnEvents.withdraw(db, change.id.storedText, reason: reason, now: now)
                    }
                    try Self.quarantine(db, change, direction: "push", reason: reason, now: now)
                }
            }
            try db.execute(sql: "DELETE FROM outbox WHERE batch = ?", arguments: [batch.id])
            try db.execute(sql: "DELETE FROM push_batch WHERE id = ?", arguments: [batch.id])
            return tally
        }
    }

    // MARK: Pull

    /// The cursor of the last page pulled; `nil` before the first.
    public func syncCursor() throws -> String? {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'sync_cursor'") }
    }

    /// A pulled page made ready to merge: its new stations are checked and built on another thread
    /// (see ``NewStations``), which needs no database, while ``SyncClient`` merges the page before.
    public func prepare(_ page: PullPage, key: PersonalDataKey, now: Date = Date()) -> PreparedPull {
        PreparedPull(page: page, newStations: NewStations(page.changes, context: MergeContext(regions: regions, key: key, now: now)))
    }

    /// Merges one pulled page and stores its cursor in the same transaction, so an interrupted pull
    /// resumes after the last page it committed.
    ///
    /// The page is committed without waiting for the disk to confirm it (`synchronous = NORMAL`, as
    /// SQLite advises for WAL): if the machine loses power the last pages are lost with their cursor,
    /// still consistent, and the next sync pulls them again. This office's own edits keep the default
    /// `FULL`, which they need: nothing else holds a copy of them until they are pushed.
    public func applyPulled(_ pull: PreparedPull, key: PersonalDataKey, now: Date = Date()) throws -> PullTally {
        let page = pull.page
        // An empty page that moves neither the cursor nor the scope, with no sweep due, changes
        // nothing: a read says so.
        let unchanged = try page.changes.isEmpty && writer.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'sync_cursor'") == page.cursor
                && (page.scope == nil || WritableScope.stored(db)?.prefixes == page.scope)
                && !OutOfScopeRecords.isSweepDue(db)
        }
        if unchanged { return PullTally() }
        return try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 20000")
            defer { try? db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 1000") }
            var tally = PullTally()
            try db.inTransaction {
                tally = try merge(db, pull, key: key, now: now)
                return .commit
            }
            return tally
        }
    }

    /// Merges the page and stores its cursor, in the caller's transaction.
    private func merge(_ db: Database, _ pull: PreparedPull, key: PersonalDataKey, now: Date) throws -> PullTally {
        let page = pull.page
        let context = MergeContext(regions: regions, key: key, now: now)
        var tally = PullTally()
        var latest: HybridClock.Timestamp?
        // The regions this office may read, as this page or an earlier one said; and the workers and
        // cases the page says have left them (see `OutOfScopeRecords`).
        let scope = try page.scope.map(WritableScope.init(prefixes:)) ?? WritableScope.stored(db)
        var departures: [String] = []
        try indexingStations(db, of: page.changes, spatialIndex: .whenTheRunEnds) {
            for (index, change) in page.changes.enumerated() {
                tally.received += 1
                guard HybridClock.isPlausible(change.hlc, now: now) else {
                    tally.rejected += 1
                    try Self.quarantine(db, change, direction: "pull", reason: "invalid: hlc: too far in the future", now: now)
                    continue
                }
                if let scope, OutOfScopeRecords.isDeparture(change, from: scope) {
                    guard try OutOfScopeRecords.holdsRecord(of: change, db) else { continue }
                    departures.append(change.id.storedText)
                }
                var outcome = MergeOutcome(result: .applied)
                try db.inChangeSavepoint {
                    outcome = try Merge.apply(db, change, context: context, newStation: pull.newStations.station(at: index))
                    return outcome.result == .rejected ? .rollback : .commit
                }
                tally.conflicts += outcome.conflicts
                if outcome.result == .rejected {
                    tally.rejected += 1
                    try Self.quarantine(db, change, direction: "pull", reason: outcome.reason ?? "rejected", now: now)
                }
                latest = max(latest ?? change.hlc, change.hlc)
            }
        }
        if let latest { try SyncClock.witness(db, latest) }
        try Self.setMeta(db, "sync_cursor", page.cursor)
        if let prefixes = page.scope, try WritableScope.store(prefixes, db) { try OutOfScopeRecords.noteSweepDue(db) }
        if let scope { try OutOfScopeRecords.afterPage(db, departures: departures, endsPull: !page.more, scope: scope, now: now) }
        return tally
    }

    // MARK: Status

    /// Notes a complete sync with `endpoint`.
    public func recordSyncSuccess(endpoint: String, now: Date = Date()) throws {
        try writer.write { db in
            try Self.setMeta(db, "sync_endpoint", endpoint)
            try Self.setMeta(db, "sync_last_success", DatabaseTimestamp.text(now))
            try db.execute(sql: "DELETE FROM meta WHERE name IN ('sync_last_failure', 'sync_last_failure_at')")
        }
    }

    /// Notes why a sync stopped before it was done, for `sync status`, until one succeeds: a cron
    /// job's messages go to a log nobody reads. `reason` must hold no token and no personal data.
    public func recordSyncFailure(_ reason: String, now: Date = Date()) throws {
        try writer.write { db in
            try Self.setMeta(db, "sync_last_failure", reason)
            try Self.setMeta(db, "sync_last_failure_at", DatabaseTimestamp.text(now))
        }
    }

    public func syncStatus() throws -> SyncStatus {
        let quarantine = try quarantinedChanges()
        return try writer.read { db in
            func meta(_ name: String) throws -> String? {
                try String.fetchOne(db, sql: "SELECT value FROM meta WHERE name = ?", arguments: [name])
            }
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            let node = try SyncClock.state(db).node
            return SyncStatus(
                node: String(node, radix: 16), outbox: try count("SELECT count(*) FROM outbox"),
                awaitingRegion: try Self.changesAwaitingRegion(db),
                batchInFlight: try count("SELECT count(*) FROM push_batch") > 0, quarantined: quarantine.count,
                conflicts: try count("SELECT count(*) FROM conflict"), cursor: try meta("sync_cursor"),
                lastSuccess: try meta("sync_last_success").map(Self.beijingTime),
                lastFailure: try meta("sync_last_failure_at").map(Self.beijingTime).map { "\($0) \(try meta("sync_last_failure") ?? "")" },
                endpoint: try meta("sync_endpoint"),
                scope: try WritableScope.stored(db)?.prefixes, quarantine: quarantine)
        }
    }

    /// Every recorded conflict, newest first.
    public func syncConflicts() throws -> [SyncConflict] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM conflict ORDER BY seq DESC").map { row in
                SyncConflict(
                    entity: row["entity"], recordID: row["record_id"], field: row["field"], keptValue: row["kept_value"],
                    keptClock: row["kept_hlc"], lostValue: row["lost_value"], lostClock: row["lost_hlc"], lostActor: row["lost_actor"],
                    at: Self.beijingTime(row["at"]))
            }
        }
    }

    /// Removes from the quarantine every change of the records `recordIDs` (all, when `nil`), once
    /// someone has dealt with them: corrected the record, entered it again within scope, or
    /// decided it stays as it is. All or nothing: an id with no quarantined change is an error
    /// naming it. One audit entry per record says who dismissed how many; returns how many.
    public func dismissQuarantined(_ recordIDs: [String]?, actor: String, now: Date = Date()) throws -> Int {
        try writer.write { db in
            let held = try Row.fetchAll(db, sql: "SELECT record_id, count(*) AS n FROM quarantine GROUP BY record_id")
            let counts = Dictionary(uniqueKeysWithValues: held.map { ($0["record_id"] as String, $0["n"] as Int) })
            let chosen = recordIDs.map { ids in ids.map { $0.split(separator: "/").last.map(String.init)?.lowercased() ?? $0 } } ?? counts.keys.sorted()
            if let unknown = chosen.first(where: { counts[$0] == nil }) {
                throw FieldError(field: "record", value: unknown, reason: localized(
                    "has no quarantined change; `gangwan sync status` lists them", "没有被隔离的变更；`gangwan sync status` 可列出"))
            }
            var dismissed = 0
            for id in Set(chosen).sorted() {
                try db.execute(sql: "DELETE FROM quarantine WHERE record_id = ?", arguments: [id])
                dismissed += counts[id]!
                try Self.audit(db, "sync.dismiss", subject: "record/\(id)", detail: [("changes", String(counts[id]!))], actor: actor, at: now)
            }
            // A copy outside this office's regions kept for its refused change may go now.
            try OutOfScopeRecords.noteSweepDue(db)
            return dismissed
        }
    }

    /// Every quarantined change, oldest first.
    public func quarantinedChanges() throws -> [QuarantinedChange] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT change_id, direction, entity, record_id, reason, at FROM quarantine ORDER BY at").map { row in
                QuarantinedChange(
                    changeID: row["change_id"], direction: row["direction"], entity: row["entity"], recordID: row["record_id"],
                    reason: row["reason"], at: Self.beijingTime(row["at"]))
            }
        }
    }

    // MARK: Helpers

    /// Runs `body`, which merges `changes`, indexing the stations it creates in bulk when they may
    /// be many (a new office's first pull brings every station of the province); a few are indexed
    /// one by one as they are inserted, which costs less than setting the indexes' triggers aside.
    /// `spatialIndex` says when the R*Tree gets them (see ``SpatialIndexing``).
    func indexingStations(_ db: Database, of changes: [SyncChange], spatialIndex: SpatialIndexing, _ body: () throws -> Void) throws {
        guard changes.count >= 100, changes.contains(where: { $0.entity == .station }) else { return try body() }
        try indexingNewStationsInBulk(db, rebuildingRegionIndex: false, spatialIndex: spatialIndex) { _ in
            try body()
            return nil
        }
    }

    /// Why a refused change's record could not be put back, without any value (a worker's might
    /// be personal data).
    private static func restoreFailure(_ error: any Error) -> String {
        switch error {
        case let error as FieldError: "\(error.field): \(error.reason)"
        case let error as DatabaseError: error.message ?? "SQLite error \(error.resultCode.rawValue)"
        case let error as StoreError: error.localizedDescription
        default: String(describing: type(of: error))
        }
    }

    /// Keeps a refused change, personal data masked, where `sync status` shows it.
    static func quarantine(_ db: Database, _ change: SyncChange, direction: String, reason: String, now: Date) throws {
        let kept = String(decoding: change.masked.json, as: UTF8.self)
        try db.execute(sql: """
            INSERT OR REPLACE INTO quarantine (change_id, direction, entity, record_id, change, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [change.changeID, direction, change.entity.rawValue, change.id.storedText, kept, reason, DatabaseTimestamp.text(now)])
    }

    /// A stored UTC time as people read it.
    private static func beijingTime(_ stored: String) -> String {
        (try? DatabaseTimestamp.date(stored)).map(ShanghaiTime.timestamp(of:)) ?? stored
    }

    static func setMeta(_ db: Database, _ name: String, _ value: String) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", arguments: [name, value])
    }
}

extension SyncChange {
    /// The change with workers' ID numbers and phones masked, for keeping on disk outside the sealed columns.
    var masked: SyncChange {
        guard entity == .worker else { return self }
        var copy = self
        if let value = fields["id_number"] ?? nil { copy.fields["id_number"] = IDNumber(trusted: value).masked }
        if let value = fields["phone"] ?? nil { copy.fields["phone"] = PhoneNumber(trusted: value).masked }
        return copy
    }
}
