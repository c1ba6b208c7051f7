import Foundation
import GRDB

/// What a bulk insert of stations does about the R*Tree when adding its new rows to the tree one by
/// one costs less than packing the whole tree anew (when it does not, the tree is packed in the
/// same transaction, whichever is chosen).
enum SpatialIndexing {
    /// Adds them in the same transaction (an import).
    case now
    /// Leaves them out only when there are as many as the tree holds, marks the tree stale in the
    /// same transaction, and ``GangwanDatabase/finishSpatialIndex()`` packs it once when the run of
    /// transactions ends: a first pull brings a million stations in 200 pages, and inserting them
    /// page by page cost a third of it. Until then the locator reads every open station.
    case whenTheRunEnds
    /// Leaves them out, noting in `meta` where they start, for
    /// ``GangwanDatabase/indexLateStations()`` to add after the transaction has committed: the hub
    /// answers a push without waiting for its R*Tree inserts (a sixth of a batch), and does them
    /// while the office sends the next one. Until then the locator reads those few rows from the
    /// table besides the tree.
    case afterTheTransaction
}

extension GangwanDatabase {
    /// The triggers that index each new station as it is inserted, set aside during a bulk insert.
    private static let insertTriggers = [(type: "trigger", name: "station_rtree_insert"), (type: "trigger", name: "station_fts_insert")]
    /// The index of regions: cheaper to build again, sorted, than to update row by row when the rows
    /// added are many, dearer when they are few beside those already there.
    private static let regionIndex = (type: "index", name: "station_region")

    /// Runs `body`, which inserts stations, without indexing them row by row, then indexes all the
    /// rows it added with one statement per index, in the caller's transaction. `body` is given the
    /// `seq` its first new row gets (new rows get keys above the largest one). Into an empty table,
    /// it may return the R*Tree cells of the open stations it inserted, which spares reading them
    /// back; else `nil`. With
    /// `rebuildingRegionIndex`, the index of regions is set aside too and built again at the end.
    ///
    /// One statement lets FTS5 batch its writes, and the R*Tree is packed anew when the rows added
    /// are as many as it held (see ``StationRTree``): together several times faster than the triggers. The
    /// triggers and index are set aside inside the transaction (``GRDB/Database/settingAside(_:_:)``).
    ///
    /// `spatialIndex` says what becomes of the new rows the R*Tree lacks (see ``SpatialIndexing``).
    func indexingNewStationsInBulk(
        _ db: Database, rebuildingRegionIndex: Bool, spatialIndex: SpatialIndexing, _ body: (_ firstNew: Int64) throws -> [StationRTree.Cell]?
    ) throws {
        // New rows get keys above the largest one (`seq` is an INTEGER PRIMARY KEY without AUTOINCREMENT).
        let firstNew = try Int64.fetchOne(db, sql: "SELECT ifnull(max(seq), 0) + 1 FROM station") ?? 1
        try db.settingAside(Self.insertTriggers + (rebuildingRegionIndex ? [Self.regionIndex] : [])) {
            // Points gathered into an empty table are every point the packed tree needs.
            try indexNewStations(db, from: firstNew, spatialIndex: spatialIndex) { try body(firstNew).flatMap { firstNew == 1 ? $0 : nil } }
        }
    }

    /// The inside of ``indexingNewStationsInBulk(_:rebuildingRegionIndex:spatialIndex:_:)``, with the
    /// triggers and index set aside: `body` inserts the rows from `firstNew` on, which are then
    /// indexed, and returns their points when they are all the tree holds.
    private func indexNewStations(
        _ db: Database, from firstNew: Int64, spatialIndex: SpatialIndexing, _ body: () throws -> [StationRTree.Cell]?
    ) throws {
        let stale = try Self.spatialIndexIsStale(db)
        // Counting a stale tree would be wasted: it is packed anew in any case.
        let indexed = stale ? 0 : try Int.fetchOne(db, sql: "SELECT count(*) FROM station_rtree_rowid") ?? 0
        let gathered = try body()
        // Gathered points are those of every open station added.
        let added = try gathered?.count ?? Int.fetchOne(db, sql: """
            SELECT count(*) FROM station WHERE seq >= ? AND status = 'open' AND removed_at IS NULL
            """, arguments: [firstNew]) ?? 0
        var packing: BackgroundJob<StationRTree.Packed>?
        if added < indexed, spatialIndex == .afterTheTransaction {
            if added > 0 { try db.execute(sql: "INSERT OR IGNORE INTO meta (name, value) VALUES (?, ?)", arguments: [Self.lateStations, firstNew]) }
        } else if added < indexed {
            // Inserting these rows costs less than packing as many as the tree holds again.
            try db.execute(sql: """
                INSERT INTO station_rtree SELECT seq, x, x, y, y, z, z FROM station_point WHERE seq >= ?
                """, arguments: [firstNew])
        } else if spatialIndex == .whenTheRunEnds {
            if added > 0 && !stale { try Self.setMeta(db, Self.staleSpatialIndex, "1") }
        } else {
            // Packing the whole tree again costs less (and a stale tree, counted as empty, is always
            // packed); the packing is worked out on another thread while this one fills the trigram index.
            let (points, nodeSize) = (try gathered ?? StationRTree.points(db), try StationRTree.nodeSize(db))
            packing = BackgroundJob { StationRTree.packed(points, nodeSize: nodeSize) }
        }
        try db.execute(sql: """
            INSERT INTO station_fts (rowid, name, address) SELECT seq, name, address FROM station WHERE seq >= ?
            """, arguments: [firstNew])
        if let packing { try Self.writeSpatialIndex(packing.wait(), db) }
    }

    /// Packs the station R*Tree anew if a run of pulled pages left stations out of it; else does nothing.
    public func finishSpatialIndex() throws {
        guard try writer.read(Self.spatialIndexIsStale) else { return }
        try writer.write { db in
            if try Self.spatialIndexIsStale(db) { try Self.packSpatialIndex(db) }
        }
    }

    /// Puts the stations a push left out of the R*Tree into it (see
    /// ``SpatialIndexing/afterTheTransaction``), in a transaction of its own; when there are none
    /// (a small push, a hub starting), a read says so without taking the write lock.
    public func indexLateStations() throws {
        guard try writer.read(Self.lateStationsFrom) != nil else { return }
        try writer.write { db in
            guard let from = try Self.lateStationsFrom(db) else { return }
            // Some may be in the tree already: a station edited since was put there by its trigger.
            try db.execute(sql: """
                INSERT INTO station_rtree SELECT seq, x, x, y, y, z, z FROM station_point p
                WHERE seq >= ? AND NOT EXISTS (SELECT 1 FROM station_rtree_rowid WHERE rowid = p.seq)
                """, arguments: [from])
            try db.execute(sql: "DELETE FROM meta WHERE name = ?", arguments: [Self.lateStations])
        }
    }

    /// The `meta` entry present while the R*Tree lacks stations (see ``SpatialIndexing/whenTheRunEnds``).
    static let staleSpatialIndex = "station_rtree_stale"

    /// The `meta` entry holding the first `seq` from which open stations may be missing from the
    /// R*Tree (see ``SpatialIndexing/afterTheTransaction``); absent when none are.
    static let lateStations = "station_rtree_late_from"

    /// The first `seq` that may be missing from the R*Tree (``lateStations``), if any.
    static func lateStationsFrom(_ db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT CAST(value AS INTEGER) FROM meta WHERE name = '\(lateStations)'"))
    }

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
        try db.execute(sql: "DELETE FROM meta WHERE name IN (?, ?)", arguments: [staleSpatialIndex, lateStations])
    }
}
