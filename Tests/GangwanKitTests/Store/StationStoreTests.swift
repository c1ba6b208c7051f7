import Foundation
import GRDB
import Testing
@testable import GangwanKit

@Suite struct StationStoreTests {
    let db: GangwanDatabase

    init() throws {
        db = try GangwanDatabase.inMemory()
    }

    func count() throws -> Int {
        try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM station")! }
    }

    @Test func addedStationReadsBackByIDAndByCode() throws {
        let added = try db.addStation(TestData.fields(code: "QH-1", hours: "Mo-Fr 08:00-18:00"), crs: .wgs84, actor: "张三", now: TestData.now)
        #expect(try db.station(added.id.uuidString) == added)
        #expect(try db.station("QH-1") == added)
        #expect(added.actor == "张三")
        #expect(added.verifiedOn == "2026-11-24")
        #expect(added.services == ServiceSet([.water, .rest]))
    }

    @Test func gcj02InputIsStoredAsWGS84() throws {
        let wgs = Coordinate(unchecked: 36.6171, 101.7782)
        let gcj = CoordinateSystem.gcj02.fromWGS84(wgs)
        let added = try db.addStation(TestData.fields(lat: gcj.latitude, lon: gcj.longitude), crs: .gcj02, actor: "t", now: TestData.now)
        #expect(GreatCircle.distance(added.position, wgs) < 0.5)
    }

    @Test func missingRequiredFieldIsRefusedByName() throws {
        var fields = TestData.fields()
        fields.region = nil
        #expect(throws: FieldError.self) { try db.addStation(fields, crs: .wgs84, actor: "t") }
        do {
            _ = try db.addStation(fields, crs: .wgs84, actor: "t")
        } catch let error as FieldError {
            #expect(error.field == "region")
        }
        #expect(try count() == 0)
    }

    @Test func unknownRegionIsRefused() throws {
        let error = #expect(throws: FieldError.self) {
            try db.addStation(TestData.fields(region: "110101"), crs: .wgs84, actor: "t")
        }
        #expect(error?.field == "region")
        #expect(try count() == 0)
    }

    @Test func unknownServiceListsTheValidOnes() throws {
        let error = #expect(throws: FieldError.self) {
            try db.addStation(TestData.fields(services: "water,sauna"), crs: .wgs84, actor: "t")
        }
        #expect(error?.value == "sauna")
        #expect(error?.reason.contains("hot-meal") == true)
    }

    @Test func chineseServiceLabelsAndSeparatorsAreAccepted() throws {
        let added = try db.addStation(TestData.fields(services: "饮水、热饭，toilet；AED"), crs: .wgs84, actor: "t")
        #expect(added.services == ServiceSet([.water, .hotMeal, .toilet, .aed]))
    }

    @Test func malformedHoursAreRefusedAndNothingIsWritten() throws {
        let error = #expect(throws: FieldError.self) {
            try db.addStation(TestData.fields(hours: "Mo-Fx 08:00-18:00"), crs: .wgs84, actor: "t")
        }
        #expect(error?.field == "hours")
        #expect(try count() == 0)
    }

    @Test func duplicateCodeIsRefusedNamingTheOwner() throws {
        let first = try db.addStation(TestData.fields(code: "QH-1"), crs: .wgs84, actor: "t")
        #expect(throws: StoreError.duplicateCode("QH-1", existing: first.id)) {
            try db.addStation(TestData.fields(name: "另一个站", code: "QH-1"), crs: .wgs84, actor: "t")
        }
        #expect(try count() == 1)
    }

    @Test func updateChangesOnlyTheGivenFields() throws {
        let added = try db.addStation(TestData.fields(code: "QH-1", hours: "24/7"), crs: .wgs84, actor: "a", now: TestData.now)
        var change = StationFields()
        change.seats = "12"
        change.hours = ""
        let later = TestData.now.addingTimeInterval(60)
        let updated = try db.updateStation("QH-1", change, crs: .wgs84, actor: "b", now: later)
        #expect(updated.seats == 12)
        #expect(updated.hours == nil)
        #expect(updated.name == added.name && updated.position == added.position && updated.services == added.services)
        #expect(updated.actor == "b" && updated.updatedAt == later && updated.createdAt == added.createdAt)
    }

    @Test func everyStationChangeIsAuditedWithWhatChanged() throws {
        _ = try db.addStation(TestData.fields(code: "QH-1"), crs: .wgs84, actor: "a", now: TestData.now)
        var change = StationFields()
        change.seats = "12"
        _ = try db.updateStation("QH-1", change, crs: .wgs84, actor: "b", now: TestData.now)
        _ = try db.setStationStatus("QH-1", .suspended, reason: "装修", actor: "c", now: TestData.now)
        _ = try db.removeStation("QH-1", actor: "d", now: TestData.now)
        let trail = try db.auditTrail()
        #expect(trail.map(\.action) == ["station.add", "station.update", "station.status", "station.remove"])
        #expect(trail.map(\.actor) == ["a", "b", "c", "d"])
        #expect(trail[0].detail["code"] == "QH-1")
        #expect(trail[1].detail == ["seats": "12"])
        #expect(trail[2].detail == ["status": "suspended", "status_reason": "装修"])
    }

    @Test func invalidUpdateLeavesTheStationUnchanged() throws {
        let added = try db.addStation(TestData.fields(code: "QH-1"), crs: .wgs84, actor: "a", now: TestData.now)
        var change = StationFields()
        change.name = "新名字"
        change.lat = "91"
        change.lon = "101"
        #expect(throws: FieldError.self) { try db.updateStation("QH-1", change, crs: .wgs84, actor: "b") }
        #expect(try db.station("QH-1") == added)
    }

    @Test func suspendedStationLeavesTheLocatorAndReopenBringsItBack() throws {
        let added = try db.addStation(TestData.fields(code: "QH-1"), crs: .wgs84, actor: "a")
        let query = NearQuery(origin: added.position)
        _ = try db.setStationStatus("QH-1", .suspended, reason: "装修", actor: "a")
        #expect(try db.nearestStations(query).isEmpty)
        #expect(try db.station("QH-1").statusReason == "装修")
        // Suspended again without a reason: nothing changes, the reason stays.
        let again = try db.setStationStatus("QH-1", .suspended, reason: nil, actor: "b")
        #expect(again.statusReason == "装修" && again.actor == "a")
        _ = try db.setStationStatus("QH-1", .open, reason: nil, actor: "a")
        #expect(try db.nearestStations(query).count == 1)
        #expect(try db.station("QH-1").statusReason == nil)
    }

    @Test func removedStationKeepsItsTombstoneButLeavesListings() throws {
        _ = try db.addStation(TestData.fields(code: "QH-1"), crs: .wgs84, actor: "a")
        let removed = try db.removeStation("QH-1", actor: "a")
        #expect(removed.removedAt != nil)
        #expect(try db.stations().isEmpty)
        #expect(try db.station("QH-1").removedAt != nil)
        #expect(throws: StoreError.stationNotFound("QH-1")) { try db.verifyStation("QH-1", actor: "a") }
        #expect(try count() == 1)
    }

    @Test func listFiltersByRegionPrefixKindServiceStatusAndStaleness() throws {
        _ = try db.addStation(TestData.fields(name: "西宁站", code: "A", services: "water,oxygen"), crs: .wgs84, actor: "a", now: TestData.now)
        _ = try db.addStation(TestData.fields(name: "格尔木站", lat: 36.4, lon: 94.9, region: "632801", code: "B", kind: "love-station"),
                              crs: .wgs84, actor: "a", now: TestData.now.addingTimeInterval(-100 * 86_400))
        #expect(try db.stations(StationFilter(regionPrefix: "6301")).map(\.code) == ["A"])
        #expect(try db.stations(StationFilter(regionPrefix: "63")).count == 2)
        #expect(try db.stations(StationFilter(kind: .loveStation)).map(\.code) == ["B"])
        #expect(try db.stations(StationFilter(services: ServiceSet(.oxygen))).map(\.code) == ["A"])
        #expect(try db.stations(StationFilter(staleDays: 90)).map(\.code) == ["B"])
        _ = try db.setStationStatus("B", .closed, reason: nil, actor: "a")
        #expect(try db.stations(StationFilter(status: .closed)).map(\.code) == ["B"])
    }

    @Test func regionPrefixMustBeginAKnownCode() {
        #expect(throws: FieldError.self) { try RegionTable.bundled.validate(prefix: "11") }
        #expect(throws: FieldError.self) { try RegionTable.bundled.validate(prefix: "63a") }
        #expect((try? RegionTable.bundled.validate(prefix: "6302")) == "6302")
    }

    @Test func hostileTextIsRefused() throws {
        var fields = TestData.fields()
        fields.name = "站点\u{202E}evil"
        #expect(throws: FieldError.self) { try db.addStation(fields, crs: .wgs84, actor: "t") }
        fields.name = "站点\u{0007}"
        #expect(throws: FieldError.self) { try db.addStation(fields, crs: .wgs84, actor: "t") }
        fields.name = "站点\u{0085}东"
        #expect(throws: FieldError.self) { try db.addStation(fields, crs: .wgs84, actor: "t") }
        fields.name = "站点\u{2067}东"
        #expect(throws: FieldError.self) { try db.addStation(fields, crs: .wgs84, actor: "t") }
        fields.name = String(repeating: "长", count: 101)
        #expect(throws: FieldError.self) { try db.addStation(fields, crs: .wgs84, actor: "t") }
        // Nothing but invisible characters is an empty name.
        for invisible in ["\u{200B}\u{2060} ", "\u{FEFF}", "\u{180E}\u{061C}"] {
            fields.name = invisible
            #expect(throws: FieldError.self) { try db.addStation(fields, crs: .wgs84, actor: "t") }
        }
        #expect(try count() == 0)
        // Who acts is checked the same way: it is kept in the audit trail and sent to every node.
        for actor in ["   ", "王\u{202E}芳", "\u{1B}[2J", String(repeating: "x", count: 65)] {
            #expect(throws: FieldError.self) { try FieldText.actor(actor) }
        }
        #expect(try FieldText.actor(" 王芳 ") == "王芳")
        #expect(try FieldText.actor("王\n芳") == "王 芳")
    }

    @Test func lineBreaksInsideACellBecomeSpaces() throws {
        var fields = TestData.fields()
        fields.address = "西宁市城中区\r\n南大街 12号\t"
        #expect(try db.addStation(fields, crs: .wgs84, actor: "t").address == "西宁市城中区 南大街 12号")
    }

    @Test func fileDatabaseIsCreatedWithItsFolderInWALMode() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gangwan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("nested/gangwan.sqlite").path
        let fileDB = try GangwanDatabase.open(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        let mode = try fileDB.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let foreignKeys = try fileDB.writer.read { try Int.fetchOne($0, sql: "PRAGMA foreign_keys") }
        #expect(foreignKeys == 1)
        // Reopening runs no migration twice.
        _ = try fileDB.addStation(TestData.fields(), crs: .wgs84, actor: "t")
        #expect(try GangwanDatabase.open(path: path).stations().count == 1)
    }
}
