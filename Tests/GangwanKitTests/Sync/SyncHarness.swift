import Foundation
import GRDB
@testable import GangwanKit

/// The hub and offices as in-memory databases, synced by calling the library directly: the merge
/// logic without HTTP (the end-to-end tests run the real processes).
final class SyncHarness {
    let hub: GangwanDatabase
    let hubKey = PersonalDataKey.generate()
    /// Small pages and batches, so every test crosses page boundaries.
    var pageSize: Int
    /// Whether pulled pages name the office's scope, as the hub's do; off by default, so offices
    /// here allow every edit and the hub's refusals are what is tested.
    var teachesScope = false

    init(pageSize: Int = 3) throws {
        hub = try GangwanDatabase.inMemory()
        self.pageSize = pageSize
    }

    final class Office {
        let db: GangwanDatabase
        let key = PersonalDataKey.generate()
        var scope: [String]

        init(scope: [String]) throws {
            db = try GangwanDatabase.inMemory()
            self.scope = scope
        }
    }

    /// Pushes everything the office has, then pulls everything it may read.
    @discardableResult
    func sync(_ office: Office, now: Date = Date()) throws -> (pushed: PushTally, pulled: PullTally) {
        var pushed = PushTally()
        var next = try office.db.nextPushBatch(limit: pageSize, key: office.key, now: now)
        while let batch = next {
            // As the client does: the next batch is stored while this one is with the hub, and this
            // one's answer is stored after that.
            next = try office.db.pushBatch(after: batch, limit: pageSize, key: office.key, now: now)
            let tally = try office.db.acknowledge(batch, answer: push(batch, from: office, now: now), key: office.key, now: now)
            pushed.applied += tally.applied
            pushed.superseded += tally.superseded
            pushed.rejected += tally.rejected
        }
        var pulled = PullTally()
        var more = true
        while more {
            let (tally, hasMore) = try pullPage(office, now: now)
            pulled.received += tally.received
            pulled.conflicts += tally.conflicts
            pulled.rejected += tally.rejected
            more = hasMore
        }
        try office.db.finishSpatialIndex()
        return (pushed, pulled)
    }

    /// Pulls and merges the office's next page of the feed, as one request of a sync would.
    func pullPage(_ office: Office, now: Date = Date()) throws -> (tally: PullTally, more: Bool) {
        let position = Int64(try office.db.syncCursor() ?? "0")!
        let page = try hub.feed(after: position, limit: pageSize, scope: office.scope, key: hubKey, now: now)
        let received = PullPage(changes: page.changes, cursor: String(page.position), more: page.more, scope: teachesScope ? office.scope : nil)
        return (try office.db.applyPulled(office.db.prepare(received, key: office.key, now: now), key: office.key, now: now), page.more)
    }

    /// What the hub answers to one batch.
    func push(_ batch: PushRequest, from office: Office, now: Date = Date()) throws -> PushAnswer {
        let decoded = try PushBatch(json: Gzip.decompress(batch.body, limit: 1 << 26))
        return PushAnswer(results: try hub.writer.write { db in
            try hub.applyPushed(db, hub.prepare(decoded.changes, key: hubKey, now: now), scope: office.scope, key: hubKey, now: now)
        })
    }

    /// Every station as its sync fields, by id: what must be equal everywhere.
    static func stations(_ db: GangwanDatabase) throws -> [String: [String: String?]] {
        try db.writer.read { db in
            Dictionary(uniqueKeysWithValues: try Station.fetchAll(db).map { ($0.id.storedText, $0.syncFields) })
        }
    }

    static func workers(_ db: GangwanDatabase, key: PersonalDataKey) throws -> [String: [String: String?]] {
        Dictionary(uniqueKeysWithValues: try db.workers(key: key).map { ($0.id.storedText, $0.syncFields) })
    }

    static func cases(_ db: GangwanDatabase) throws -> [String: [String: String?]] {
        try db.writer.read { db in
            Dictionary(uniqueKeysWithValues: try SupportCase.fetchAll(db).map { supportCase in
                var fields = supportCase.syncFields
                fields["assistance_fen"] = String(supportCase.assistanceFen)
                fields["recovered_fen"] = String(supportCase.recoveredFen)
                return (supportCase.id.storedText, fields)
            })
        }
    }

    static func eventIDs(_ db: GangwanDatabase) throws -> [String] {
        try db.writer.read { db in try String.fetchAll(db, sql: "SELECT id FROM case_event ORDER BY id") }
    }

    static func count(_ db: GangwanDatabase, _ table: String) throws -> Int {
        try db.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)")! }
    }
}
