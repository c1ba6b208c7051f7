import Foundation
import GRDB

extension GangwanDatabase {
    /// The triggers that index each new station as it is inserted, set aside during a bulk insert.
    private static let insertTriggers = ["station_rtree_insert", "station_fts_insert"]

    /// Runs `body`, which inserts stations, without indexing them row by row, then indexes all the
    /// rows it added with one statement per index, in the caller's transaction.
    ///
    /// One statement lets FTS5 batch its writes, and the R*Tree is filled in spatial order, so
    /// nodes being filled stay in the cache: together several times faster than the triggers. The
    /// triggers are dropped and re-created from their own text in `sqlite_master`, inside the
    /// transaction, so no other connection ever sees the schema without them, and a rollback
    /// restores them.
    func indexingNewStationsInBulk(_ db: Database, _ body: () throws -> Void) throws {
        let triggers = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN (\(Self.insertTriggers.map { "'\($0)'" }.joined(separator: ", ")))
            """)
        // New rows get keys above the largest one (`seq` is an INTEGER PRIMARY KEY without AUTOINCREMENT).
        let firstNew = try Int64.fetchOne(db, sql: "SELECT ifnull(max(seq), 0) + 1 FROM station") ?? 1
        for name in Self.insertTriggers {
            try db.execute(sql: "DROP TRIGGER \(name)")
        }
        try body()
        try db.execute(sql: """
            INSERT INTO station_rtree SELECT seq, x, x, y, y, z, z FROM station_point WHERE seq >= ?
            ORDER BY round(x * 64), round(y * 64), z
            """, arguments: [firstNew])
        try db.execute(sql: """
            INSERT INTO station_fts (rowid, name, address) SELECT seq, name, address FROM station WHERE seq >= ?
            """, arguments: [firstNew])
        for sql in triggers {
            try db.execute(sql: sql)
        }
    }
}
