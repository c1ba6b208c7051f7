import Foundation
import GRDB
import Testing
@testable import GangwanKit

/// A pull that brings more stations than an office holds leaves them out of the R*Tree until the
/// run ends; meanwhile, and after a run cut short, the locator must still answer exactly.
@Suite struct DeferredSpatialIndexTests {
    let harness: SyncHarness
    let office: SyncHarness.Office

    init() throws {
        harness = try SyncHarness(pageSize: 250)
        office = try SyncHarness.Office(scope: ["6301"])
        try BulkIndexingTests.importStations(1000, seed: 11, codePrefix: "H", into: harness.hub)
    }

    static func isStale(_ db: GangwanDatabase) throws -> Bool {
        try db.writer.read(GangwanDatabase.spatialIndexIsStale)
    }

    static func indexed(_ db: GangwanDatabase) throws -> Int {
        try SyncHarness.count(db, "station_rtree")
    }

    /// Pulls and merges one page, as an interrupted client would have left it.
    func pullOnePage() throws {
        _ = try harness.pullPage(office)
    }

    @Test func aCutShortPullLeavesTheTreeStaleAndTheLocatorExact() throws {
        _ = try office.db.addStation(TestData.fields(code: "LOCAL-1"), crs: .wgs84, actor: "o")
        try pullOnePage()
        try pullOnePage()
        #expect(try Self.isStale(office.db))
        #expect(try Self.indexed(office.db) == 1, "the pulled stations wait for the end of the run")
        #expect(try SyncHarness.count(office.db, "station") == 501)
        try BulkIndexingTests.expectBruteForceAnswers(office.db)

        try office.db.finishSpatialIndex()
        #expect(try !Self.isStale(office.db))
        #expect(try Self.indexed(office.db) == 501)
        #expect(try BulkIndexingTests.rtreeCheck(office.db) == "ok")
        try BulkIndexingTests.expectBruteForceAnswers(office.db)
    }

    @Test func aWholePullEndsWithEveryStationIndexed() throws {
        try harness.sync(office)
        #expect(try !Self.isStale(office.db))
        #expect(try Self.indexed(office.db) == 1000)
        #expect(try BulkIndexingTests.rtreeCheck(office.db) == "ok")
        try BulkIndexingTests.expectBruteForceAnswers(office.db)
    }

    @Test func aFewStationsPulledIntoALargeTreeAreInsertedAtOnce() throws {
        try BulkIndexingTests.importStations(2000, seed: 12, codePrefix: "L", into: office.db)
        try pullOnePage()
        #expect(try !Self.isStale(office.db))
        #expect(try Self.indexed(office.db) == 2250)
        try BulkIndexingTests.expectBruteForceAnswers(office.db)
    }

    @Test func editsWhileTheTreeIsStaleAreKeptByThePacking() throws {
        try pullOnePage()
        let pulled = try office.db.stations()
        _ = try office.db.removeStation(pulled[0].id.storedText, actor: "o")
        var fields = StationFields()
        fields.lat = "36.70"
        fields.lon = "101.70"
        _ = try office.db.updateStation(pulled[1].id.storedText, fields, crs: .wgs84, actor: "o")
        try BulkIndexingTests.expectBruteForceAnswers(office.db)
        try office.db.finishSpatialIndex()
        #expect(try Self.indexed(office.db) == 249)
        try BulkIndexingTests.expectBruteForceAnswers(office.db)
    }
}
