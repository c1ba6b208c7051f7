import Foundation
import GRDB

/// Writes the changes of one transaction to the outbox, in that transaction, and moves the changed
/// records' field clocks. Every change of one transaction carries the same timestamp.
///
/// A change to a record outside the regions this office may write (``WritableScope``) is refused
/// with ``StoreError/outsideScope(region:scope:)``, which rolls the caller's transaction back.
struct ChangeLog {
    let stamp: HybridClock.Timestamp
    let actor: String
    /// The stamp's text, written on every row of a transaction that may log 100,000 events.
    let stampText: String
    /// What this office may write, once a sync has told it.
    let scope: WritableScope?

    /// Takes this node's next timestamp.
    init(_ db: Database, actor: String, now: Date) throws {
        stamp = try SyncClock.tick(db, now: now)
        stampText = stamp.text
        self.actor = actor
        scope = try WritableScope.stored(db)
    }

    /// Records a new record: every field at this transaction's timestamp.
    func created(_ db: Database, _ entity: SyncEntity, id: UUID, region: String?) throws {
        try scope?.check([region])
        if let table = entity.table {
            try db.cachedStatement(sql: "UPDATE \(table) SET clock = ? WHERE id = ?").execute(arguments: [stampText, id.storedText])
        }
        try append(db, entity, id: id, fields: "*", region: region)
    }

    /// Records every station inserted from row `firstSeq` on, each with its `clock` column already
    /// set to this transaction's timestamp (the importer's bulk path), and returns the row the next
    /// call starts from: one statement per batch of the file, in file order, instead of one per row,
    /// which cost a quarter of the writing thread.
    func insertedStations(_ db: Database, from firstSeq: Int64) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO outbox (entity, record_id, hlc, fields, actor, region)
            SELECT 'station', id, ?, '*', ?, region FROM station WHERE seq >= ? ORDER BY seq
            """).execute(arguments: [stampText, actor, firstSeq])
        return try Int64.fetchOne(db.cachedStatement(sql: "SELECT ifnull(max(seq), 0) + 1 FROM station")) ?? firstSeq
    }

    /// Records a change to `fields` of an existing record, which was in region `before`; nothing
    /// when no field changed.
    func changed(_ db: Database, _ entity: SyncEntity, id: UUID, fields: [String], before: String?, region: String?) throws {
        guard !fields.isEmpty, let table = entity.table else { return }
        try scope?.check([before, region])
        let stored = try String.fetchOne(db.cachedStatement(sql: "SELECT clock FROM \(table) WHERE id = ?"), arguments: [id.storedText])
        var clocks = FieldClocks(text: stored)
        for field in fields { clocks.set(field, to: stamp, base: clocks[field]) }
        try db.cachedStatement(sql: "UPDATE \(table) SET clock = ? WHERE id = ?").execute(arguments: [clocks.text, id.storedText])
        try append(db, entity, id: id, fields: fields.sorted().joined(separator: ","), region: region)
    }

    /// Records a change of the fields that differ between two versions of a record.
    func changed<Record: SyncedRecord>(_ db: Database, from old: Record, to new: Record) throws {
        let before = old.syncFields
        let after = new.syncFields
        let fields = after.keys.filter { before[$0] != after[$0] }
        try changed(db, Record.entity, id: new.id, fields: fields, before: old.syncRegion, region: new.syncRegion)
    }

    private func append(_ db: Database, _ entity: SyncEntity, id: UUID, fields: String, region: String?) throws {
        try db.cachedStatement(sql: Self.appendSQL).execute(arguments: [entity.rawValue, id.storedText, stampText, fields, actor, region])
    }

    private static let appendSQL = "INSERT INTO outbox (entity, record_id, hlc, fields, actor, region) VALUES (?, ?, ?, ?, ?, ?)"
}

/// This node's identity and hybrid clock, kept in `meta`.
enum SyncClock {
    /// The next timestamp for a change made here at `now`, remembered as the latest.
    static func tick(_ db: Database, now: Date) throws -> HybridClock.Timestamp {
        let (node, last) = try state(db)
        let stamp = HybridClock.tick(after: last, now: now, node: node)
        try save(db, stamp)
        return stamp
    }

    /// Moves the clock past a timestamp received from elsewhere, so later local changes order after it.
    static func witness(_ db: Database, _ received: HybridClock.Timestamp) throws {
        let (node, last) = try state(db)
        if let last, (last.wall, last.counter) >= (received.wall, received.counter) { return }
        try save(db, HybridClock.Timestamp(wall: received.wall, counter: received.counter, node: node))
    }

    static func state(_ db: Database) throws -> (node: UInt64, last: HybridClock.Timestamp?) {
        let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT name, value FROM meta WHERE name IN ('node_id', 'hlc')"))
        var node: UInt64?
        var last: HybridClock.Timestamp?
        for row in rows {
            let value: String = row["value"]
            if row["name"] == "node_id" { node = UInt64(value) } else { last = HybridClock.Timestamp(text: value) }
        }
        guard let node else { throw StoreError.corrupt("meta node_id") }
        return (node, last)
    }

    private static func save(_ db: Database, _ stamp: HybridClock.Timestamp) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO meta (name, value) VALUES ('hlc', ?)").execute(arguments: [stamp.text])
    }
}

extension SyncEntity {
    /// The type of records of this kind, which merge field by field; `nil` for events, which never change.
    var recordType: (any SyncedRecord.Type)? {
        switch self {
        case .station: Station.self
        case .worker: Worker.self
        case .case: SupportCase.self
        case .event: nil
        }
    }

    /// The table holding records of this kind with field clocks; `nil` for events, which never change.
    var table: String? {
        switch self {
        case .station: "station"
        case .worker: "worker"
        case .case: "support_case"
        case .event: nil
        }
    }
}
