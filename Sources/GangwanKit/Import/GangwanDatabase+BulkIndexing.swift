import Foundation
import GRDB

extension GangwanDatabase {
    /// The triggers that index each new station as it is inserted, set aside during a bulk insert.
    private static let insertTriggers = [("trigger", "station_rtree_insert"), ("trigger", "station_fts_insert")]
    /// The index of regions: cheaper to build again, sorted, than to update row by row when the rows
    /// added are many, dearer when they are few beside those already there.
    private static let regionIndex = ("index", "station_region")

    /// Runs `body`, which inserts stations, without indexing them row by row, then indexes all the
    /// rows it added with one statement per index, in the caller's transaction. `body` is given the
    /// `seq` its first new row gets (new rows get keys above the largest one). With
    /// `rebuildingRegionIndex`, the index of regions is set aside too and built again at the end.
    ///
    /// One statement lets FTS5 batch its writes, and the R*Tree is packed anew when the rows added
    /// are as many as it held (see ``StationRTree``): together several times faster than the triggers. The
    /// triggers and index are dropped and re-created from their own text in `sqlite_master`, inside the
    /// transaction, so no other connection ever sees the schema without them, and a rollback
    /// restores them.
    ///
    /// With `deferringSpatialIndex`, rows that would fill the R*Tree again are not put in it at all:
    /// the tree is marked stale in the same transaction, and ``finishSpatialIndex()`` packs it once
    /// when the run of transactions ends (a first pull brings a million stations in 200 pages, and
    /// inserting them page by page cost a third of it). Until then the locator reads the table.
    func indexingNewStationsInBulk(
        _ db: Database, rebuildingRegionIndex: Bool, deferringSpatialIndex: Bool, _ body: (_ firstNew: Int64) throws -> Void
    ) throws {
        let setAside = Self.insertTriggers + (rebuildingRegionIndex ? [Self.regionIndex] : [])
        let definitions = try setAside.map { type, name in
            guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = ? AND name = ?", arguments: [type, name]) else {
                throw StoreError.corrupt("the \(type) \(name) is missing")
            }
            return sql
        }
        // New rows get keys above the largest one (`seq` is an INTEGER PRIMARY KEY without AUTOINCREMENT).
        let firstNew = try Int64.fetchOne(db, sql: "SELECT ifnull(max(seq), 0) + 1 FROM station") ?? 1
        for (type, name) in setAside {
            try db.execute(sql: "DROP \(type.uppercased()) \(name)")
        }
        let stale = try Self.spatialIndexIsStale(db)
        // Counting a stale tree would be wasted: it is packed anew in any case.
        let indexed = stale ? 0 : try Int.fetchOne(db, sql: "SELECT count(*) FROM station_rtree_rowid") ?? 0
        try body(firstNew)
        let added = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM station WHERE seq >= ? AND status = 'open' AND removed_at IS NULL
            """, arguments: [firstNew]) ?? 0
        var packing: BackgroundJob<StationRTree.Packed>?
        if added < indexed {
            // Inserting these rows costs less than packing as many as the tree holds again.
            try db.execute(sql: """
                INSERT INTO station_rtree SELECT seq, x, x, y, y, z, z FROM station_point WHERE seq >= ?
                """, arguments: [firstNew])
        } else if deferringSpatialIndex {
            if added > 0 && !stale { try Self.setMeta(db, Self.staleSpatialIndex, "1") }
        } else {
            // Packing the whole tree again costs less (and a stale tree, counted as empty, is always
            // packed); the packing is worked out on another thread while this one fills the trigram index.
            let (points, nodeSize) = (try StationRTree.points(db), try StationRTree.nodeSize(db))
            packing = BackgroundJob { StationRTree.packed(points, nodeSize: nodeSize) }
        }
        try db.execute(sql: """
            INSERT INTO station_fts (rowid, name, address) SELECT seq, name, address FROM station WHERE seq >= ?
            """, arguments: [firstNew])
        if let packing { try Self.writeSpatialIndex(packing.wait(), db) }
        for sql in definitions {
            try db.execute(sql: sql)
        }
    }

    /// Packs the station R*Tree anew if a run of pulled pages left stations out of it; else does nothing.
    public func finishSpatialIndex() throws {
        guard try writer.read(Self.spatialIndexIsStale) else { return }
        try writer.write { db in
            if try Self.spatialIndexIsStale(db) { try Self.packSpatialIndex(db) }
        }
    }

    /// The `meta` entry present while the R*Tree lacks stations (see `deferringSpatialIndex`).
    static let staleSpatialIndex = "station_rtree_stale"

    static func spatialIndexIsStale(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM meta WHERE name = '\(staleSpatialIndex)'")) ?? false
    }

    /// Fills the R*Tree with every open station, packed, and marks it complete.
    private static func packSpatialIndex(_ db: Database) throws {
        try writeSpatialIndex(StationRTree.packed(StationRTree.points(db), nodeSize: StationRTree.nodeSize(db)), db)
    }

    /// Replaces the R*Tree with a tree packed from every open station, and marks it complete.
    private static func writeSpatialIndex(_ packed: StationRTree.Packed, _ db: Database) throws {
        try StationRTree.write(packed, db)
        try db.execute(sql: "DELETE FROM meta WHERE name = ?", arguments: [staleSpatialIndex])
    }
}
