import Foundation
import GRDB

/// One outbox row: which fields of which record changed at which time. The values are read from the
/// record when the change is sent, so the outbox stays small and a field edited twice is sent once.
///
/// On an office the outbox holds what waits for the hub; on the hub it is the feed every office pulls.
struct FeedRow {
    let seq: Int64
    let entity: SyncEntity
    let recordID: UUID
    let hlc: HybridClock.Timestamp
    /// Comma-separated field names, or `*` for a new record.
    let fields: String
    let actor: String

    init(_ row: Row) throws {
        guard let entity = SyncEntity(rawValue: row["entity"]), let id = UUID(storedText: row["record_id"]),
            let hlc = HybridClock.Timestamp(text: row["hlc"])
        else { throw StoreError.corrupt("outbox row \(row["seq"] as Int64)") }
        seq = row["seq"]
        self.entity = entity
        recordID = id
        self.hlc = hlc
        fields = row["fields"]
        actor = row["actor"]
    }

    /// The change as it travels; `nil` when every field it named has been written again since (a
    /// later row carries those values) or the record is gone.
    ///
    /// `departed` names the workers and cases that were filed under the reader's regions but have
    /// left them since (see ``GangwanDatabase/departed(_:_:readableWithin:)``): the reader then gets
    /// only the new region (see ``departure(_:_:)``), never the rest of the record, and none of the
    /// events of such a case.
    func change(_ records: FeedRecords, departed: Set<UUID>) -> SyncChange? {
        switch entity {
        case .station: return change(records.stations[recordID])
        case .worker: return change(records.workers[recordID], departed: departed)
        case .case: return change(records.cases[recordID], departed: departed)
        case .event:
            guard let event = records.events[recordID], !departed.contains(event.caseID) else { return nil }
            return SyncChange(entity: .event, id: recordID, hlc: hlc, actor: event.actor, fields: event.syncFields)
        }
    }

    private func change<Record: SyncedRecord>(_ loaded: (record: Record, clocks: FieldClocks)?, departed: Set<UUID>) -> SyncChange? {
        guard let (record, clocks) = loaded, departed.contains(recordID) else { return change(loaded) }
        return departure(record, clocks)
    }

    /// A record's region, alone, as of when it was written: what an office learns of a record that
    /// has left its regions. The office takes its copy off (see ``OutOfScopeRecords``); one that
    /// never held the record ignores it.
    private func departure<Record: SyncedRecord>(_ record: Record, _ clocks: FieldClocks) -> SyncChange {
        SyncChange(entity: Record.entity, id: record.id, hlc: clocks["region"] ?? hlc, actor: record.actor, fields: ["region": record.syncRegion])
    }

    private func change<Record: SyncedRecord>(_ loaded: (record: Record, clocks: FieldClocks)?) -> SyncChange? {
        guard let (record, clocks) = loaded else { return nil }
        // A new record travels whole.
        if fields == "*" { return SyncChange(whole: record, clocks: clocks, hlc: hlc, actor: actor) }
        let values = record.syncFields
        var change = SyncChange(entity: entity, id: recordID, hlc: hlc, actor: actor, fields: [:])
        for name in fields.split(separator: ",").map(String.init) where clocks[name] == hlc {
            change.fields[name] = values[name] ?? nil
            if let base = clocks.base(of: name) { change.bases[name] = base }
        }
        return change.fields.isEmpty ? nil : change
    }
}

extension SyncChange {
    /// A whole record as this node holds it, each field with the time of its current value.
    init<Record: SyncedRecord>(whole record: Record, clocks: FieldClocks, hlc: HybridClock.Timestamp, actor: String) {
        self.init(entity: Record.entity, id: record.id, hlc: hlc, actor: actor, fields: record.syncFields)
        // Most records sent whole are new: every field written at `hlc`, nothing more to say.
        guard !clocks.entries.isEmpty || clocks.created != hlc else { return }
        for name in Record.syncFieldNames {
            if let clock = clocks[name], clock != hlc { self.clocks[name] = clock }
            if let base = clocks.base(of: name) { bases[name] = base }
        }
    }
}

/// The records some outbox rows name, read with one query for each kind of record rather than
/// one for each row: a batch or a page of the feed names a thousand.
struct FeedRecords {
    let stations: [UUID: (record: Station, clocks: FieldClocks)]
    let workers: [UUID: (record: Worker, clocks: FieldClocks)]
    let cases: [UUID: (record: SupportCase, clocks: FieldClocks)]
    let events: [UUID: CaseEvent]

    init(_ db: Database, _ rows: [FeedRow], context: MergeContext) throws {
        var ids: [SyncEntity: [UUID]] = [:]
        for row in rows { ids[row.entity, default: []].append(row.recordID) }
        stations = try Station.load(db, ids: ids[.station] ?? [], context: context)
        workers = try Worker.load(db, ids: ids[.worker] ?? [], context: context)
        cases = try SupportCase.load(db, ids: ids[.case] ?? [], context: context)
        let events = try CaseEvent.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM case_event WHERE " + SyncText.idInList), arguments: [SyncText.list(ids[.event] ?? [])])
        self.events = Dictionary(events.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A page of the hub's feed.
public struct FeedPage: Sendable {
    public var changes: [SyncChange]
    /// The feed position after the last row read (to continue from).
    public var position: Int64
    public var more: Bool
}

/// A pushed batch with the stations its creations make being built: see
/// ``GangwanDatabase/prepare(_:key:now:)-(SyncChange)``.
public struct PreparedPush: Sendable {
    public let changes: [SyncChange]
    let newStations: NewStations
}

extension GangwanDatabase {
    /// Starts checking and building the stations a pushed batch creates, which needs no database:
    /// the hub's merge takes them as they are built, on the other core (see ``NewStations``).
    public func prepare(_ changes: [SyncChange], key: PersonalDataKey, now: Date = Date()) -> PreparedPush {
        PreparedPush(changes: changes, newStations: NewStations(changes, context: MergeContext(regions: regions, key: key, now: now)))
    }

    /// Merges changes pushed by an office, as the hub, in the caller's write transaction `db`:
    /// each change on its own; changes to records outside `scope` refused; whatever wins appended
    /// to the feed for the other offices. New stations stay out of the R*Tree until
    /// ``indexLateStations()`` runs after the transaction (see ``SpatialIndexing/afterTheTransaction``).
    public func applyPushed(_ db: Database, _ push: PreparedPush, scope: [String], key: PersonalDataKey, now: Date = Date()) throws -> [ChangeResult] {
        let context = MergeContext(regions: regions, key: key, now: now)
        let scope = WritableScope(prefixes: scope)
        var results: [ChangeResult] = []
        try indexingStations(db, of: push.changes, spatialIndex: .afterTheTransaction) {
            results = try push.changes.enumerated().map { index, change in
                try applyPushed(db, change, newStation: push.newStations.station(at: index), scope: scope, context: context)
            }
        }
        return results
    }

    private func applyPushed(
        _ db: Database, _ change: SyncChange, newStation: NewStations.Built?, scope: WritableScope, context: MergeContext
    ) throws -> ChangeResult {
        guard HybridClock.isPlausible(change.hlc, now: context.now) else {
            return try Self.refused(db, change, reason: "invalid: hlc: more than an hour in the future", scope: scope, context: context)
        }
        // A record must lie within the scope before and after the change; an event, within its
        // case's. The merge checks it when it has looked the record up, which it does once.
        var outcome = MergeOutcome(result: .applied)
        try db.inChangeSavepoint {
            outcome = try Merge.apply(db, change, context: context, newStation: newStation, admits: { $0.allSatisfy(scope.covers) })
            guard outcome.result != .rejected else { return .rollback }
            try Self.appendToFeed(db, change, outcome)
            return .commit
        }
        guard outcome.result == .rejected else { return ChangeResult(changeID: change.changeID, result: outcome.result) }
        return try Self.refused(db, change, reason: outcome.reason ?? "rejected", scope: scope, context: context)
    }

    /// The answer to a refused change, with the hub's copy of its record when the sender may read it.
    private static func refused(_ db: Database, _ change: SyncChange, reason: String, scope: WritableScope, context: MergeContext) throws -> ChangeResult {
        ChangeResult(changeID: change.changeID, result: .rejected, reason: reason, current: try held(db, change, readableWithin: scope, context: context))
    }

    /// The record a refused change was about, whole, as the hub holds it, if the sender may read it
    /// (any station; a worker or case within its scope); `nil` for an event or a record unknown here.
    private static func held(_ db: Database, _ change: SyncChange, readableWithin scope: WritableScope, context: MergeContext) throws -> SyncChange? {
        func whole<Record: SyncedRecord>(_: Record.Type) throws -> SyncChange? {
            guard let (record, clocks) = try Record.load(db, id: change.id, context: context), let created = clocks.created else { return nil }
            if Record.entity != .station, !scope.covers(record.syncRegion) { return nil }
            return SyncChange(whole: record, clocks: clocks, hlc: created, actor: record.actor)
        }
        guard let type = change.entity.recordType else { return nil }
        return try whole(type)
    }

    /// Up to `limit` changes after feed position `after` that an office with `scope` may read:
    /// every station, and workers, cases and events within its region prefixes.
    public func feed(after position: Int64, limit: Int, scope: [String], key: PersonalDataKey, now: Date = Date()) throws -> FeedPage {
        try writer.read { db in
            let context = MergeContext(regions: regions, key: key, now: now)
            let readable = WritableScope(prefixes: scope)
            let inScope = readable.sqlCondition
            let values: [(any DatabaseValueConvertible)?] = [position] + inScope.patterns + [limit + 1]
            let rows = try Row.fetchAll(db, sql: """
                SELECT seq, entity, record_id, hlc, fields, actor FROM outbox
                WHERE seq > ? AND (entity = 'station' OR \(inScope.sql)) ORDER BY seq LIMIT ?
                """, arguments: StatementArguments(values))
            let page = try rows.prefix(limit).map(FeedRow.init)
            let records = try FeedRecords(db, page, context: context)
            let departed = try Self.departed(db, records, readableWithin: readable)
            // Rows of a worker, case or event filed under two regions the reader both covers give one
            // change twice (stations are filed once).
            var seen = Set<String>()
            let changes = page.compactMap { $0.change(records, departed: departed) }
                .filter { $0.entity == .station || seen.insert($0.changeID).inserted }
            let last = page.last?.seq ?? position
            return FeedPage(changes: changes, position: last, more: rows.count > limit)
        }
    }

    /// The workers and cases among `records` that an office reading `scope` may not read (any more):
    /// cases outside it (also those of the events among `records`), and workers outside it that no
    /// case within it is about (the office handling a case keeps its worker, wherever the worker went
    /// since).
    static func departed(_ db: Database, _ records: FeedRecords, readableWithin scope: WritableScope) throws -> Set<UUID> {
        var departed = Set(records.cases.values.lazy.filter { !scope.covers($0.record.syncRegion) }.map(\.record.id))
        // An event is filed under its case's region when it is logged; the case may have moved since.
        let eventCases = Set(records.events.values.map(\.caseID.storedText))
        if !eventCases.isEmpty {
            let regions = try db.cachedStatement(sql: "SELECT id, region FROM support_case WHERE id IN (SELECT value FROM json_each(?))")
            for row in try Row.fetchAll(regions, arguments: [JSONEachList.ids(eventCases)]) where !scope.covers(row["region"]) {
                if let id = UUID(storedText: row["id"]) { departed.insert(id) }
            }
        }
        let strays = records.workers.values.filter { !scope.covers($0.record.syncRegion) }.map(\.record.id)
        guard !strays.isEmpty else { return departed }
        let handled = try db.cachedStatement(sql: "SELECT worker_id, region FROM support_case WHERE worker_id IN (SELECT value FROM json_each(?))")
        let handledHere = Set(try Row.fetchAll(handled, arguments: [JSONEachList.ids(strays.map(\.storedText))])
            .filter { scope.covers($0["region"]) }.map { $0["worker_id"] as String })
        departed.formUnion(strays.filter { !handledHere.contains($0.storedText) })
        return departed
    }

    /// Records on the hub's feed what a pushed change made the hub's value: a new record whole,
    /// else the fields that won, one row per time they were written.
    ///
    /// A row is filed under the record's region. A worker's rows are filed under the regions of
    /// their cases too, since the offices handling those cases keep the worker wherever the worker
    /// went (see ``departed(_:_:readableWithin:)``).
    private static func appendToFeed(_ db: Database, _ change: SyncChange, _ outcome: MergeOutcome) throws {
        guard !outcome.won.isEmpty else { return }
        let whole = outcome.won == ["*"]
        // A worker or case moved out of a region is filed under that region too, so its offices hear
        // that it left (the feed tells them only that: see `FeedRow.change(_:departed:)`).
        var regions = [outcome.region]
        switch change.entity {
        case .station, .event:
            break
        case .worker:
            if whole, let left = outcome.leftRegion { regions.append(left) }
            let handling = try db.cachedStatement(sql: "SELECT DISTINCT region FROM support_case WHERE worker_id = ? AND region IS NOT NULL")
            for region in try String.fetchAll(handling, arguments: [change.id.storedText]) where !regions.contains(region) {
                regions.append(region)
            }
        case .case:
            if whole, let left = outcome.leftRegion { regions.append(left) }
            // Its worker goes first where the case is new, or now about someone else (a field that
            // won on its clock alone, its value unchanged, is not).
            if whole || outcome.replaced["worker_id"] != nil, let region = outcome.region { try fileCaseWorker(db, change, region: region) }
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO outbox (entity, record_id, hlc, fields, actor, region) VALUES (?, ?, ?, ?, ?, ?)
            """)
        if whole {
            for region in regions {
                try insert.execute(binding: [
                    change.entity.rawValue.databaseValue, change.id.storedText.databaseValue, change.hlc.text.databaseValue, "*".databaseValue,
                    change.actor.databaseValue, region.databaseValue,
                ])
            }
        } else {
            let byClock = Dictionary(grouping: outcome.won, by: { change.clock(of: $0) })
            for (clock, fields) in byClock.sorted(by: { $0.key < $1.key }) {
                for region in regions {
                    try insert.execute(arguments: [
                        change.entity.rawValue, change.id.storedText, clock.text, fields.sorted().joined(separator: ","), change.actor, region,
                    ])
                }
            }
        }
        // After a case: its earlier events where it moved, and the worker it was about before.
        guard change.entity == .case, let region = outcome.region else { return }
        if whole, outcome.leftRegion != nil { try fileMovedCaseEvents(db, change, region: region) }
        if case let previous?? = outcome.replaced["worker_id"] { try fileReplacedWorker(db, previous, change, region: region) }
    }

    /// Files a case's worker, whole, under the region of a case new there (made or moved) or given
    /// another worker, when the worker is of another region: that region's offices handle the case
    /// and need its worker. Filed before the case, so an office meets the worker first.
    private static func fileCaseWorker(_ db: Database, _ change: SyncChange, region: String) throws {
        try db.execute(sql: """
            INSERT INTO outbox (entity, record_id, hlc, fields, actor, region)
            SELECT 'worker', w.id, ?, '*', ?, ? FROM support_case c JOIN worker w ON w.id = c.worker_id
            WHERE c.id = ? AND w.region IS NOT ?
            """, arguments: [change.hlc.text, change.actor, region, change.id.storedText, region])
    }

    /// Files the worker a case was about before it was given another, whole, under the case's
    /// region, after the case, when the worker is of another region: that region's offices kept
    /// the worker for the case alone, and reading this row now tells them only that the worker is
    /// elsewhere (unless another case there is about them), so they take their copy off (see
    /// ``departed(_:_:readableWithin:)`` and ``OutOfScopeRecords``).
    private static func fileReplacedWorker(_ db: Database, _ worker: String, _ change: SyncChange, region: String) throws {
        try db.execute(sql: """
            INSERT INTO outbox (entity, record_id, hlc, fields, actor, region)
            SELECT 'worker', id, ?, '*', ?, ? FROM worker WHERE id = ? AND region IS NOT ?
            """, arguments: [change.hlc.text, change.actor, region, worker, region])
    }

    /// Files the events of a moved case again under its new region, in the order they were
    /// logged: they were filed under the region the case had when each was logged. The copies
    /// carry the move's time (an event merges by its id alone, whatever the time).
    private static func fileMovedCaseEvents(_ db: Database, _ change: SyncChange, region: String) throws {
        try db.execute(sql: """
            INSERT INTO outbox (entity, record_id, hlc, fields, actor, region)
            SELECT 'event', id, ?, '*', actor, ? FROM case_event WHERE case_id = ? ORDER BY seq
            """, arguments: [change.hlc.text, region, change.id.storedText])
    }
}
