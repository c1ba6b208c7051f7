import Foundation
import GRDB
import GRDBSQLite
import Testing
@testable import GangwanKit

/// A push that brings the hub fewer new stations than its R*Tree holds leaves them out of the tree
/// until `indexLateStations()` runs after the transaction; meanwhile the locator must still answer
/// exactly, edits included, and never twice.
@Suite struct LateSpatialIndexTests {
    let harness: SyncHarness
    let office: SyncHarness.Office

    init() throws {
        harness = try SyncHarness(pageSize: 250)
        office = try SyncHarness.Office(scope: ["63"])
        try BulkIndexingTests.importStations(300, seed: 22, codePrefix: "O", into: office.db)
    }

    func importIntoHub(_ count: Int) throws {
        try BulkIndexingTests.importStations(count, seed: 21, codePrefix: "H", into: harness.hub)
    }

    static func lateFrom(_ db: GangwanDatabase) throws -> Int64? {
        try db.writer.read(GangwanDatabase.lateStationsFrom)
    }

    @Test func pushedStationsWaitOutsideTheTreeAndTheLocatorStaysExact() throws {
        try importIntoHub(1000)
        try harness.sync(office)
        // The first batch of 250 went in late; the last 50, too few for the bulk path, by trigger.
        #expect(try SyncHarness.count(harness.hub, "station") == 1300)
        #expect(try SyncHarness.count(harness.hub, "station_rtree") == 1050)
        #expect(try Self.lateFrom(harness.hub) == 1001)
        try BulkIndexingTests.expectBruteForceAnswers(harness.hub)

        try harness.hub.indexLateStations()
        #expect(try Self.lateFrom(harness.hub) == nil)
        #expect(try SyncHarness.count(harness.hub, "station_rtree") == 1300)
        #expect(try BulkIndexingTests.rtreeCheck(harness.hub) == "ok")
        try BulkIndexingTests.expectBruteForceAnswers(harness.hub)
    }

    @Test func editsOfLateStationsAreAnsweredOnceAndKeptByTheIndexing() throws {
        try importIntoHub(1000)
        try harness.sync(office)
        let late = try harness.hub.writer.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM station WHERE seq >= 1001 ORDER BY seq LIMIT 3")
        }
        // A moved station is put in the tree by its trigger while still listed as late.
        var moved = StationFields()
        (moved.lat, moved.lon) = ("36.61", "101.77")
        _ = try harness.hub.updateStation(late[0], moved, crs: .wgs84, actor: "hub")
        _ = try harness.hub.removeStation(late[1], actor: "hub")
        _ = try harness.hub.setStationStatus(late[2], .suspended, reason: "维修", actor: "hub")
        try BulkIndexingTests.expectBruteForceAnswers(harness.hub)

        try harness.hub.indexLateStations()
        #expect(try SyncHarness.count(harness.hub, "station_rtree") == 1298)
        #expect(try BulkIndexingTests.rtreeCheck(harness.hub) == "ok")
        try BulkIndexingTests.expectBruteForceAnswers(harness.hub)
    }

    /// The statement's parts for stations outside the tree read no row while there are none: a
    /// part that tested each row instead made every query a scan of the table.
    @Test func theLocatorScansNoTableWhileTheTreeHoldsEveryStation() throws {
        try importIntoHub(1000)
        _ = try harness.hub.nearestStations(NearQuery(origin: try Coordinate(latitude: 36.6, longitude: 101.8), limit: 10))
        let scanned = try harness.hub.writer.read { db in
            sqlite3_stmt_status(try db.cachedStatement(sql: GangwanDatabase.nearestSQL).sqliteStatement, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0)
        }
        #expect(scanned == 0)
    }

    @Test func aPushIntoASmallerTreePacksItAtOnce() throws {
        try importIntoHub(100)
        try harness.sync(office)
        #expect(try Self.lateFrom(harness.hub) == nil)
        #expect(try SyncHarness.count(harness.hub, "station_rtree") == 400)
        try harness.hub.indexLateStations()
        #expect(try SyncHarness.count(harness.hub, "station_rtree") == 400)
        try BulkIndexingTests.expectBruteForceAnswers(harness.hub)
    }
}
