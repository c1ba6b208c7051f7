import Foundation
import GRDB
import Testing
@testable import GangwanKit

/// An import indexes its new rows in bulk (a packed R*Tree, one FTS5 statement): the indexes must
/// be valid and answer exactly as the row-by-row triggers would.
@Suite struct BulkIndexingTests {
    static func csv(count: Int, seed: UInt64, codePrefix: String) throws -> URL {
        var random = SeededGenerator(seed: seed)
        var text = "code,name,kind,lat,lon,region,address,services,hours\n"
        for index in 0..<count {
            let lat = 36.6 + Double.random(in: -2...2, using: &random), lon = 101.8 + Double.random(in: -2...2, using: &random)
            let services = Service.allCases.filter { _ in Bool.random(using: &random) }.map(\.rawValue).joined(separator: ";")
            text += "\(codePrefix)\(index),西宁驿站\(index),harbor,\(lat),\(lon),630103,南大街\(index)号,\(services),24/7\n"
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gangwan-bulk-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    /// Imports `count` synthetic stations (see ``csv(count:seed:codePrefix:)``) into `db`.
    static func importStations(_ count: Int, seed: UInt64, codePrefix: String, into db: GangwanDatabase) throws {
        _ = try db.importStations(from: try csv(count: count, seed: seed, codePrefix: codePrefix), options: ImportOptions(), actor: "test")
    }

    static func rtreeCheck(_ db: GangwanDatabase) throws -> String? {
        try db.writer.read { try String.fetchOne($0, sql: "SELECT rtreecheck('station_rtree')") }
    }

    /// Throws if the trigram index disagrees with the station table (FTS5's own check).
    static func checkTrigramIndex(_ db: GangwanDatabase) throws {
        try db.writer.write { try $0.execute(sql: "INSERT INTO station_fts (station_fts) VALUES ('integrity-check')") }
    }

    static func expectBruteForceAnswers(_ db: GangwanDatabase) throws {
        // Unfiltered queries of up to 64 answers let the callback prune cells; more do not.
        for origin in LocatorTests.origins() {
            for limit in [1, 10, 64, 80] {
                let query = NearQuery(origin: origin, limit: limit)
                #expect(try db.nearestStations(query).map { $0.station.id.uuidString.lowercased() } == LocatorTests.bruteForce(db, query))
            }
        }
    }

    @Test func packedTreeIsValidAndAnswersAsBruteForce() throws {
        let db = try GangwanDatabase.inMemory()
        _ = try db.importStations(from: try Self.csv(count: 3000, seed: 1, codePrefix: "A"), options: ImportOptions(), actor: "t")
        #expect(try Self.rtreeCheck(db) == "ok")
        try Self.checkTrigramIndex(db)
        #expect(try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM station_rtree") } == 3000)
        try Self.expectBruteForceAnswers(db)
        #expect(try db.searchStations("驿站2999").map(\.code) == ["A2999"])
    }

    @Test func pointsGatheredWhileImportingPackTheTreeReadingTheTableWould() throws {
        let db = try GangwanDatabase.inMemory()
        var text = "code,name,kind,lat,lon,region,status\n"
        let statuses = ["open", "closed", "open", "suspended", "open"]
        for index in 0..<2500 {
            text += "G\(index),站\(index),harbor,\(36 + Double(index % 97) / 50),\(101 + Double(index % 89) / 40),630103,\(statuses[index % 5])\n"
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gangwan-bulk-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: file)
        _ = try db.importStations(from: file, options: ImportOptions(), actor: "t")
        func nodes() throws -> [Data] {
            try db.writer.read { try Data.fetchAll($0, sql: "SELECT data FROM station_rtree_node ORDER BY nodeno") }
        }
        let gathered = try nodes()
        try db.writer.write { db in
            try StationRTree.write(StationRTree.packed(StationRTree.points(db), nodeSize: StationRTree.nodeSize(db)), db)
        }
        #expect(try nodes() == gathered)
        #expect(try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM station_rtree") } == 1500)
        #expect(try Self.rtreeCheck(db) == "ok")
    }

    @Test func smallImportIntoPackedTreeAndEditsKeepItValid() throws {
        let db = try GangwanDatabase.inMemory()
        _ = try db.importStations(from: try Self.csv(count: 2000, seed: 2, codePrefix: "A"), options: ImportOptions(), actor: "t")
        _ = try db.importStations(from: try Self.csv(count: 300, seed: 3, codePrefix: "B"), options: ImportOptions(), actor: "t")
        for index in stride(from: 0, to: 2000, by: 7) {
            _ = try db.removeStation("A\(index)", actor: "t")
        }
        #expect(try Self.rtreeCheck(db) == "ok")
        try Self.checkTrigramIndex(db)
        try Self.expectBruteForceAnswers(db)
        #expect(try db.searchStations("南大街299号").map(\.code).contains("B299"))
    }

    @Test func newStationsAreLoggedForSyncInFileOrderAndOnlyOnce() throws {
        let db = try GangwanDatabase.inMemory()
        let file = try Self.csv(count: 5, seed: 4, codePrefix: "A")
        _ = try db.importStations(from: file, options: ImportOptions(), actor: "t")
        _ = try db.importStations(from: file, options: ImportOptions(), actor: "t")
        let rows = try db.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT s.code, o.fields, o.hlc, s.clock FROM outbox o JOIN station s ON s.id = o.record_id ORDER BY o.seq")
        }
        #expect(rows.map { $0["code"] as String } == ["A0", "A1", "A2", "A3", "A4"])
        #expect(rows.allSatisfy { $0["fields"] == "*" && ($0["hlc"] as String) == ($0["clock"] as String) })
    }

    @Test func failedImportLeavesTheIndexTriggersInPlace() throws {
        let db = try GangwanDatabase.inMemory()
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("gangwan-bulk-\(UUID().uuidString).csv")
        try Data("code,name,kind,lat,lon,region\nX1,站,harbor,99,101,630103\n".utf8).write(to: bad)
        #expect(throws: ImportError.self) { try db.importStations(from: bad, options: ImportOptions(), actor: "t") }
        let triggers = try db.writer.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'station%' ORDER BY name") }
        #expect(triggers == ["station_fts_delete", "station_fts_insert", "station_fts_update",
                             "station_rtree_delete", "station_rtree_insert", "station_rtree_update"])
        _ = try db.addStation(TestData.fields(), crs: .wgs84, actor: "t")
        #expect(try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM station_rtree") } == 1)
    }
}
