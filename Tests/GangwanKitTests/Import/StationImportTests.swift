import Foundation
import GRDB
import Testing
@testable import GangwanKit

@Suite struct StationImportTests {
    let db: GangwanDatabase
    let folder: URL

    init() throws {
        db = try GangwanDatabase.inMemory()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gangwan-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func file(_ name: String, _ text: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    func dump() throws -> [Row] {
        try db.writer.read { try Row.fetchAll($0, sql: "SELECT * FROM station ORDER BY seq") }
    }

    static let header = "code,name,kind,lat,lon,region,address,services,hours,phone,host,seats\n"
    static let goodRows = """
        QH-1,城中区南大街劳动者港湾,harbor,36.6171,101.7782,630103,西宁市城中区南大街12号,water;rest,Mo-Su 08:00-20:00,0971-8123456,中国工商银行西宁城中支行,12
        QH-2,"格尔木市昆仑路爱心驿站, 东段",爱心驿站,36.40,94.90,632801,"格尔木市昆仑路8号",饮水、热饭，如厕,24/7,,中国石化,8

        """

    @Test func validFileIsImportedWithEveryField() throws {
        let summary = try db.importStations(from: try file("a.csv", Self.header + Self.goodRows), options: ImportOptions(), actor: "t")
        #expect(summary == ImportSummary(inserted: 2, updated: 0, unchanged: 0, rejected: 0))
        let second = try db.station("QH-2")
        #expect(second.name == "格尔木市昆仑路爱心驿站, 东段")
        #expect(second.kind == .loveStation)
        #expect(second.services == ServiceSet([.water, .hotMeal, .toilet]))
        #expect(second.hours?.isAlwaysOpen == true)
        #expect(second.phone == nil && second.seats == 8)
    }

    @Test func importingTheSameFileTwiceChangesNothing() throws {
        let url = try file("a.csv", Self.header + Self.goodRows)
        _ = try db.importStations(from: url, options: ImportOptions(), actor: "t", now: TestData.now)
        let before = try dump()
        let summary = try db.importStations(from: url, options: ImportOptions(), actor: "t", now: TestData.now.addingTimeInterval(3600))
        #expect(summary == ImportSummary(inserted: 0, updated: 0, unchanged: 2, rejected: 0))
        #expect(try dump() == before)
    }

    @Test func rowWithAKnownCodeUpdatesThatStation() throws {
        _ = try db.importStations(from: try file("a.csv", Self.header + Self.goodRows), options: ImportOptions(), actor: "t")
        let changed = Self.header + "QH-1,城中区南大街劳动者港湾,harbor,36.6171,101.7782,630103,新地址,water,24/7,,,20\n"
        let summary = try db.importStations(from: try file("b.csv", changed), options: ImportOptions(), actor: "t")
        #expect(summary.updated == 1)
        #expect(try db.station("QH-1").address == "新地址")
        #expect(try db.stations().count == 2)
    }

    @Test func chineseHeadersInGB18030AreRead() throws {
        let text = "编号,名称,类型,纬度,经度,区划代码,地址,服务项目,开放时间,电话,依托单位,座位数\n"
            + "QH-9,湟源县城关镇工会驿站,工会驿站,36.68,101.27,630123,湟源县城关镇,饮水;休息,Mo-Fr 09:00-17:00,,,\n"
        let utf8 = try file("utf8.csv", text)
        let gb = folder.appendingPathComponent("gb.csv")
        let iconv = Process()
        iconv.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        iconv.arguments = ["-f", "UTF-8", "-t", "GB18030", utf8.path, "-o", gb.path]
        try iconv.run()
        iconv.waitUntilExit()
        #expect(try Data(contentsOf: gb) != Data(contentsOf: utf8))
        #expect(try db.importStations(from: gb, options: ImportOptions(), actor: "t").encoding == .gb18030)
        #expect(try db.importStations(from: utf8, options: ImportOptions(), actor: "t") == ImportSummary(unchanged: 1, encoding: .utf8))
        let station = try db.station("QH-9")
        #expect(station.name == "湟源县城关镇工会驿站")
        #expect(station.kind == .unionStation)
        #expect(station.services == ServiceSet([.water, .rest]))
    }

    @Test func anInvalidRowRefusesTheWholeFileListingEveryBadLine() throws {
        let text = Self.header + Self.goodRows.replacingOccurrences(of: "东段", with: "东\n段")
            + "QH-3,坏站,harbor,abc,101.1,630103,,water,,,,\n"
            + "QH-4,坏站二,harbor,36.1,101.1,999999,,water,,,,\n"
        let error = #expect(throws: ImportError.self) {
            try db.importStations(from: try file("bad.csv", text), options: ImportOptions(), actor: "t")
        }
        guard case .invalidRows(let count, let rows)? = error else { Issue.record("wrong error \(String(describing: error))"); return }
        #expect(count == 2)
        // The quoted field with a newline pushes the bad rows to lines 5 and 6.
        #expect(rows.map(\.line) == [5, 6])
        #expect(rows.map(\.column) == ["lat", "region"])
        #expect(try dump().isEmpty)
    }

    @Test func skipInvalidImportsTheRestAndWritesRejects() throws {
        let text = Self.header + Self.goodRows + "QH-3,坏站,harbor,36.1,101.1,630103,,sauna,,,,\n"
        let rejects = folder.appendingPathComponent("rejects.csv")
        let summary = try db.importStations(
            from: try file("bad.csv", text), options: ImportOptions(skipInvalid: true, rejects: rejects), actor: "t")
        #expect(summary.inserted == 2 && summary.rejected == 1)
        let written = try String(contentsOf: rejects, encoding: .utf8)
        #expect(written.contains("4,services,"))
        #expect(written.contains("QH-3,坏站"))
        #expect(try db.stations().count == 2)
    }

    /// A row names its station by code and id together: a code typed with a space still finds its
    /// station, a known id with a new code renumbers it, and a code that belongs to another id is
    /// refused with its line. Each once aborted the whole import with SQLite's UNIQUE error.
    @Test func codeAndIdTogetherNameTheStationOrAreRefusedWithTheirLine() throws {
        _ = try db.importStations(from: try file("a.csv", Self.header + Self.goodRows), options: ImportOptions(), actor: "t")
        let first = try db.station("QH-1"), second = try db.station("QH-2")
        let header = "id,code,name,kind,lat,lon,region\n"
        let text = header
            + ",  QH-1 ,城中区港湾改名,harbor,36.6171,101.7782,630103\n"
            + "\(second.id.storedText),QH-20,格尔木港湾,harbor,36.40,94.90,632801\n"
        #expect(try db.importStations(from: try file("b.csv", text), options: ImportOptions(), actor: "t") == ImportSummary(updated: 2))
        #expect(try db.station(first.id.storedText).name == "城中区港湾改名")
        #expect(try db.station(second.id.storedText).code == "QH-20")

        let borrowed = header + "\(UUID().uuidString),QH-1,冒用编号,harbor,36.5,101.5,630103\n"
        let error = #expect(throws: ImportError.self) {
            try db.importStations(from: try file("c.csv", borrowed), options: ImportOptions(), actor: "t")
        }
        guard case .invalidRows(_, let rows)? = error else { Issue.record("wrong error \(String(describing: error))"); return }
        #expect(rows.map(\.line) == [2] && rows.map(\.column) == ["code"])
        #expect(rows.first?.reason.contains("is the code of station \(first.id.storedText)") == true)
        #expect(try db.stations().count == 2)
    }

    /// A removed station stays removed: the file that still lists it is refused at that row, by
    /// code or by id, and nothing is written; the import once brought it back as "updated".
    @Test func aRowNamingARemovedStationIsRefused() throws {
        let url = try file("a.csv", Self.header + Self.goodRows)
        _ = try db.importStations(from: url, options: ImportOptions(), actor: "t")
        let removed = try db.removeStation("QH-2", actor: "t", now: TestData.now)
        let before = try dump()
        let error = #expect(throws: ImportError.self) { try db.importStations(from: url, options: ImportOptions(), actor: "t") }
        guard case .invalidRows(_, let rows)? = error else { Issue.record("wrong error \(String(describing: error))"); return }
        #expect(rows.map(\.line) == [3] && rows.map(\.column) == ["code"])
        #expect(rows.first?.reason.contains("removed on \(ShanghaiTime.day(of: TestData.now))") == true)
        #expect(try dump() == before)

        let byID = "id,code,name,kind,lat,lon,region\n\(removed.id.storedText),QH-NEW,回来的站,harbor,36.4,94.9,632801\n"
        let rejects = folder.appendingPathComponent("rejects.csv")
        let summary = try db.importStations(
            from: try file("b.csv", byID), options: ImportOptions(skipInvalid: true, rejects: rejects), actor: "t")
        #expect(summary == ImportSummary(rejected: 1))
        #expect(try String(contentsOf: rejects, encoding: .utf8).contains("2,id,\"\"\"\(removed.id.storedText)\"\" belongs"))
        #expect(try dump() == before)
    }

    /// An empty id or status, as in rows added to an exported file, is no value: a new station.
    @Test func emptyIdAndStatusCellsMakeANewOpenStation() throws {
        let text = "id,code,name,kind,lat,lon,region,status,verified\n,QH-9,新站,harbor,36.6,101.7,630103,,\n"
        #expect(try db.importStations(from: try file("c.csv", text), options: ImportOptions(), actor: "t").inserted == 1)
        #expect(try db.station("QH-9").status == .open)
    }

    @Test func dryRunWritesNothing() throws {
        let summary = try db.importStations(
            from: try file("a.csv", Self.header + Self.goodRows), options: ImportOptions(dryRun: true), actor: "t")
        #expect(summary.inserted == 2)
        #expect(try dump().isEmpty)
    }

    @Test func codeRepeatedInTheFileIsRefused() throws {
        let text = Self.header + Self.goodRows + Self.goodRows.split(separator: "\n")[0] + "\n"
        let error = #expect(throws: ImportError.self) {
            try db.importStations(from: try file("dup.csv", text), options: ImportOptions(), actor: "t")
        }
        guard case .invalidRows(_, let rows)? = error else { Issue.record("wrong error"); return }
        #expect(rows.first?.line == 4 && rows.first?.column == "code")
    }

    @Test func unknownOrMissingHeaderIsRefusedWithItsPlace() throws {
        let unknown = #expect(throws: ImportError.self) {
            try db.importStations(from: try file("h.csv", "code,name,colour\n"), options: ImportOptions(), actor: "t")
        }
        #expect(unknown?.localizedDescription.contains("unknown column \"colour\" (column 3)") == true, "\(String(describing: unknown))")
        let missing = #expect(throws: ImportError.self) {
            try db.importStations(from: try file("h2.csv", "code,name,kind,lon\n"), options: ImportOptions(), actor: "t")
        }
        #expect(missing?.localizedDescription.contains("lat/纬度, region/区划代码 are missing") == true, "\(String(describing: missing))")
    }

    /// Excel saves columns that once held something with an empty header: the import passes over
    /// them while they are empty, and refuses a row with a value there, naming the column.
    @Test func emptyHeaderColumnsArePassedOverWhileTheyAreEmpty() throws {
        let header = "code,name,kind,lat,lon,region,,\n"
        let good = header + "QH-1,站一,harbor,36.6,101.7,630103,,\nQH-2,站二,harbor,36.7,101.8,630103, ,\n"
        #expect(try db.importStations(from: try file("e.csv", good), options: ImportOptions(), actor: "t").inserted == 2)
        let bad = header + "QH-3,站三,harbor,36.6,101.7,630103,,备注\n"
        let error = #expect(throws: ImportError.self) {
            try db.importStations(from: try file("f.csv", bad), options: ImportOptions(), actor: "t")
        }
        guard case .invalidRows(_, let rows)? = error else { Issue.record("wrong error \(String(describing: error))"); return }
        #expect(rows.map(\.line) == [2] && rows.first?.reason.contains("column 8 has no header but holds a value") == true)
        #expect(try db.stations().count == 2)
    }

    /// The rejects file of `--skip-invalid`, corrected, imports as it is: its line, column and
    /// reason columns are passed over. Its columns are named as the file's header names them.
    @Test func aCorrectedRejectsFileImports() throws {
        let text = "编号,名称,类型,纬度,经度,区划代码,电话\nQH-1,站一,harbor,36.6,101.7,630103,\n"
            + "QH-2,站二,harbor,north,101.8,630103,'-8123456 转 1\nQH-3,站三,harbor,south,101.8,630103,\n"
        let rejects = folder.appendingPathComponent("rejects.csv")
        let summary = try db.importStations(
            from: try file("zh.csv", text), options: ImportOptions(skipInvalid: true, rejects: rejects), actor: "t")
        #expect(summary.inserted == 1 && summary.rejected == 2)
        let written = try String(contentsOf: rejects, encoding: .utf8)
        #expect(written.contains("3,纬度,") && written.contains(",'-8123456 转 1") && !written.contains("''-8123456"), "\(written)")
        // Corrected in part: the rejects of the rejects file import once corrected in turn.
        let rejectsAgain = folder.appendingPathComponent("rejects-2.csv")
        let partly = try db.importStations(
            from: try file("partly.csv", written.replacingOccurrences(of: ",north,", with: ",36.7,")),
            options: ImportOptions(skipInvalid: true, rejects: rejectsAgain), actor: "t")
        #expect(partly.inserted == 1 && partly.rejected == 1)
        let second = try String(contentsOf: rejectsAgain, encoding: .utf8)
        #expect(second.contains("line,column,reason,编号,名称,") && !second.contains("reason,line"), "\(second)")
        let last = try db.importStations(
            from: try file("last.csv", second.replacingOccurrences(of: ",south,", with: ",36.8,")), options: ImportOptions(), actor: "t")
        #expect(last.inserted == 1)
        #expect(try db.station("QH-2").position.latitude == 36.7 && db.station("QH-2").phone == "-8123456 转 1")
        #expect(try db.station("QH-3").position.latitude == 36.8)
    }

    @Test func rowWithTheWrongNumberOfFieldsIsRejected() throws {
        let error = #expect(throws: ImportError.self) {
            try db.importStations(from: try file("n.csv", Self.header + "QH-1,名字,harbor\n"), options: ImportOptions(), actor: "t")
        }
        guard case .invalidRows(_, let rows)? = error else { Issue.record("wrong error"); return }
        #expect(rows.first?.line == 2 && rows.first?.column == nil)
    }

    @Test func exportedCSVImportsBackToIdenticalRecords() throws {
        let source = try TestData.randomStations(count: 200, seed: 3)
        var csv = ""
        try source.exportStations(format: .csv, crs: .wgs84) { csv += $0 }
        _ = try db.importStations(from: try file("export.csv", csv), options: ImportOptions(), actor: "t")
        func key(_ s: Station) -> String {
            [s.id.uuidString, s.code ?? "", s.name, s.kind.rawValue, s.status.rawValue, "\(s.position.latitude)", "\(s.position.longitude)",
             s.region, s.address, "\(s.services.rawValue)", s.hours?.description ?? "", s.phone ?? "", s.host ?? "",
             s.seats.map(String.init) ?? "", s.verifiedOn ?? "", s.statusReason ?? ""].joined(separator: "|")
        }
        #expect(try db.stations().map(key) == (try source.stations().map(key)))
    }

    /// A cell a spreadsheet would run as a formula leaves the export with a leading `'` (shown as
    /// text) and comes back without it; negative numbers and ordinary text are written as they are.
    @Test func formulaLikeCellsAreExportedAsTextAndImportBackUnchanged() throws {
        var fields = TestData.fields(name: "=HYPERLINK(\"http://x\",\"点击\")")
        fields.host = "@SUM(A1)"
        fields.phone = "-8123456 转 1"
        let added = try db.addStation(fields, crs: .wgs84, actor: "t")
        var csv = ""
        try db.exportStations(format: .csv, crs: .wgs84) { csv += $0 }
        #expect(csv.contains(#""'=HYPERLINK(""http://x"",""点击"")""#))
        #expect(csv.contains(",'@SUM(A1),") && csv.contains(",'-8123456 转 1,"))
        let copy = try GangwanDatabase.inMemory()
        _ = try copy.importStations(from: try file("export.csv", csv), options: ImportOptions(), actor: "t")
        let back = try copy.station(added.id.storedText)
        #expect(back.name == added.name && back.host == "@SUM(A1)" && back.phone == "-8123456 转 1")
        #expect(SpreadsheetText.guarded("-36.5") == "-36.5" && SpreadsheetText.unguarded("'plain") == "'plain")
        // A value that begins with apostrophes before a formula character keeps them all.
        for value in ["'=x", "''-", "'@", "'plain", "'-36.5"] {
            #expect(SpreadsheetText.unguarded(SpreadsheetText.guarded(value)) == value, "\(value)")
        }
    }

    /// A status from a file replaces the reason given for the old one unless the file gives one.
    @Test func aNewStatusFromAFileWithoutReasonsDropsTheOldReason() throws {
        _ = try db.importStations(from: try file("a.csv", Self.header + Self.goodRows), options: ImportOptions(), actor: "t")
        _ = try db.setStationStatus("QH-1", .suspended, reason: "装修", actor: "t")
        let same = "code,name,kind,lat,lon,region,status\nQH-1,城中区南大街劳动者港湾,harbor,36.6171,101.7782,630103,suspended\n"
        _ = try db.importStations(from: try file("s.csv", same), options: ImportOptions(), actor: "t")
        #expect(try db.station("QH-1").statusReason == "装修")
        let reopened = same.replacingOccurrences(of: ",suspended\n", with: ",open\n")
        _ = try db.importStations(from: try file("o.csv", reopened), options: ImportOptions(), actor: "t")
        #expect(try db.station("QH-1").statusReason == nil)
        let closed = "code,name,kind,lat,lon,region,status,状态说明\nQH-1,城中区南大街劳动者港湾,harbor,36.6171,101.7782,630103,closed,拆除\n"
        _ = try db.importStations(from: try file("c.csv", closed), options: ImportOptions(), actor: "t")
        #expect(try db.station("QH-1").statusReason == "拆除")
    }

    @Test func geoJSONIsAFeatureCollectionOfLonLatPoints() throws {
        _ = try db.importStations(from: try file("a.csv", Self.header + Self.goodRows), options: ImportOptions(), actor: "t")
        var text = ""
        try db.exportStations(format: .geojson, crs: .wgs84) { text += $0 }
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(object?["type"] as? String == "FeatureCollection")
        let features = object?["features"] as? [[String: Any]] ?? []
        #expect(features.count == 2)
        let geometry = features.first?["geometry"] as? [String: Any]
        #expect(geometry?["type"] as? String == "Point")
        let coordinates = geometry?["coordinates"] as? [Double] ?? []
        #expect(coordinates.count == 2 && coordinates[0] > 90 && coordinates[1] < 40)
    }
}
